/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Tests for the IKEv2 Diffie-Hellman groups 14, 19 and 31: published vectors (protocols.md 4.1,
// 4.2), agreement between random parties drawn from ns-3 streams, reproducibility from the ns-3
// seed and run, and rejection of invalid peer values.

#include "ns3/diffie-hellman.h"
#include "ns3/ns3-random-source.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/test.h"

#include <stdexcept>

using namespace ns3;

namespace
{

/**
 * \param stream stream number
 * \returns a UniformRandomVariable on that stream of the current seed and run
 */
Ptr<UniformRandomVariable>
MakeStream(int64_t stream)
{
    Ptr<UniformRandomVariable> variable = CreateObject<UniformRandomVariable>();
    variable->SetStream(stream);
    return variable;
}

/**
 * \param group the group
 * \param privateKey private key bytes
 * \returns true if CreateFromPrivateKey throws std::invalid_argument
 */
bool
CreateThrows(DhGroup group, const Bytes& privateKey)
{
    try
    {
        DiffieHellman::CreateFromPrivateKey(group, privateKey);
    }
    catch (const std::invalid_argument&)
    {
        return true;
    }
    return false;
}

} // namespace

/**
 * \ingroup ipsec-tests
 * \brief A two-party known-answer vector: both public values and the shared secret, both ways.
 */
class DhVectorTestCase : public TestCase
{
  public:
    /// A vector: private keys, public values (KE payload data) and g^ir.
    struct Vector
    {
        const char* name;     ///< where it comes from
        DhGroup group;        ///< the group
        const char* privateI; ///< initiator private key
        const char* publicI;  ///< initiator KE data
        const char* privateR; ///< responder private key
        const char* publicR;  ///< responder KE data
        const char* shared;   ///< g^ir
    };

    /// \param vector the vector
    explicit DhVectorTestCase(const Vector& vector)
        : TestCase(std::string("DH vector: ") + vector.name)
        , m_vector(vector)
    {
    }

  private:
    void DoRun() override
    {
        auto i = DiffieHellman::CreateFromPrivateKey(m_vector.group, HexToBytes(m_vector.privateI));
        auto r = DiffieHellman::CreateFromPrivateKey(m_vector.group, HexToBytes(m_vector.privateR));
        NS_TEST_ASSERT_MSG_EQ(
            static_cast<int>(i->Group()), static_cast<int>(m_vector.group), "Group()");
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(i->PublicValue()),
                              BytesToHex(HexToBytes(m_vector.publicI)),
                              "initiator public value");
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(r->PublicValue()),
                              BytesToHex(HexToBytes(m_vector.publicR)),
                              "responder public value");
        NS_TEST_ASSERT_MSG_EQ(i->PublicValue().size(),
                              DiffieHellman::PublicValueSize(m_vector.group),
                              "PublicValueSize");
        Bytes sharedI;
        Bytes sharedR;
        NS_TEST_ASSERT_MSG_EQ(
            i->ComputeSharedSecret(r->PublicValue(), sharedI), true, "initiator agrees");
        NS_TEST_ASSERT_MSG_EQ(
            r->ComputeSharedSecret(i->PublicValue(), sharedR), true, "responder agrees");
        std::string expected = BytesToHex(HexToBytes(m_vector.shared));
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(sharedI), expected, "initiator g^ir");
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(sharedR), expected, "responder g^ir");
    }

    Vector m_vector; ///< the vector
};

/**
 * \ingroup ipsec-tests
 * \brief RFC 7748 section 5.2 single-scalar X25519 vectors (high bit of u is masked).
 */
class X25519ScalarTestCase : public TestCase
{
  public:
    X25519ScalarTestCase()
        : TestCase("X25519 RFC 7748 section 5.2 scalar multiplication vectors")
    {
    }

  private:
    void DoRun() override
    {
        const char* vectors[][3] = {
            {"a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
             "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
             "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"},
            {"4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
             "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
             "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"},
        };
        for (const auto& v : vectors)
        {
            auto dh = DiffieHellman::CreateFromPrivateKey(DhGroup::CURVE25519, HexToBytes(v[0]));
            Bytes out;
            NS_TEST_ASSERT_MSG_EQ(dh->ComputeSharedSecret(HexToBytes(v[1]), out), true, "agree");
            NS_TEST_ASSERT_MSG_EQ(BytesToHex(out), v[2], "X25519(k, u)");
        }
    }
};

/**
 * \ingroup ipsec-tests
 * \brief Two parties with fresh keys from ns-3 streams agree, for every group.
 */
class DhRandomAgreementTestCase : public TestCase
{
  public:
    DhRandomAgreementTestCase()
        : TestCase("random parties from an Ns3RandomSource agree (groups 14, 19, 31)")
    {
    }

  private:
    void DoRun() override
    {
        Ns3RandomSource rngI(MakeStream(11));
        Ns3RandomSource rngR(MakeStream(12));
        for (DhGroup group : {DhGroup::MODP_2048, DhGroup::ECP_256, DhGroup::CURVE25519})
        {
            auto i = DiffieHellman::Create(group, rngI);
            auto r = DiffieHellman::Create(group, rngR);
            size_t size = DiffieHellman::PublicValueSize(group);
            NS_TEST_ASSERT_MSG_EQ(i->PublicValue().size(), size, "initiator KE data size");
            NS_TEST_ASSERT_MSG_EQ(r->PublicValue().size(), size, "responder KE data size");
            NS_TEST_ASSERT_MSG_NE(BytesToHex(i->PublicValue()),
                                  BytesToHex(r->PublicValue()),
                                  "different parties, different public values");
            Bytes sharedI;
            Bytes sharedR;
            NS_TEST_ASSERT_MSG_EQ(i->ComputeSharedSecret(r->PublicValue(), sharedI), true, "i");
            NS_TEST_ASSERT_MSG_EQ(r->ComputeSharedSecret(i->PublicValue(), sharedR), true, "r");
            NS_TEST_ASSERT_MSG_EQ(BytesToHex(sharedI), BytesToHex(sharedR), "equal secrets");
            size_t secretSize = group == DhGroup::MODP_2048 ? 256 : 32;
            NS_TEST_ASSERT_MSG_EQ(sharedI.size(), secretSize, "g^ir size");
        }
        NS_TEST_ASSERT_MSG_EQ(DiffieHellman::PublicValueSize(DhGroup::MODP_2048), 256, "group 14");
        NS_TEST_ASSERT_MSG_EQ(DiffieHellman::PublicValueSize(DhGroup::ECP_256), 64, "group 19");
        NS_TEST_ASSERT_MSG_EQ(DiffieHellman::PublicValueSize(DhGroup::CURVE25519), 32, "group 31");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief The same seed, run and stream give the same keys; another RngRun gives other keys.
 */
class DhReproducibilityTestCase : public TestCase
{
  public:
    DhReproducibilityTestCase()
        : TestCase("same ns-3 seed and run give the same keys, another RngRun other keys")
    {
    }

  private:
    /**
     * \param run the RngRun
     * \param group the group
     * \returns the public value of a fresh party on stream 7 of that run
     */
    static std::string PublicValue(uint64_t run, DhGroup group)
    {
        RngSeedManager::SetSeed(3);
        RngSeedManager::SetRun(run);
        Ns3RandomSource rng(MakeStream(7));
        return BytesToHex(DiffieHellman::Create(group, rng)->PublicValue());
    }

    void DoRun() override
    {
        uint32_t oldSeed = RngSeedManager::GetSeed();
        uint64_t oldRun = RngSeedManager::GetRun();
        for (DhGroup group : {DhGroup::MODP_2048, DhGroup::ECP_256, DhGroup::CURVE25519})
        {
            std::string first = PublicValue(1, group);
            NS_TEST_ASSERT_MSG_EQ(PublicValue(1, group), first, "same seed and run");
            NS_TEST_ASSERT_MSG_NE(PublicValue(2, group), first, "another run");
        }
        // The random source itself: deterministic, and it uses all 32 bits of each draw.
        RngSeedManager::SetSeed(3);
        RngSeedManager::SetRun(1);
        Ns3RandomSource a(MakeStream(7));
        Ns3RandomSource b(MakeStream(7));
        Bytes bytesA(4096);
        Bytes bytesB(4096);
        a.GenerateBlock(bytesA.data(), bytesA.size());
        b.GenerateBlock(bytesB.data(), bytesB.size());
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(bytesA), BytesToHex(bytesB), "same stream, same bytes");
        uint32_t seen[4] = {};
        for (size_t k = 0; k < bytesA.size(); ++k)
        {
            seen[k % 4] |= bytesA[k];
        }
        for (int k = 0; k < 4; ++k)
        {
            NS_TEST_ASSERT_MSG_EQ(seen[k], 0xff, "every bit of byte " << k << " of a draw varies");
        }
        Bytes odd(7);
        a.GenerateBlock(odd.data(), odd.size()); // not a multiple of 4: must not overrun
        RngSeedManager::SetSeed(oldSeed);
        RngSeedManager::SetRun(oldRun);
    }
};

/**
 * \ingroup ipsec-tests
 * \brief Invalid peer values make ComputeSharedSecret return false; bad private keys throw.
 */
class DhInvalidInputTestCase : public TestCase
{
  public:
    DhInvalidInputTestCase()
        : TestCase("invalid peer values return false, invalid private keys throw")
    {
    }

  private:
    /**
     * \param dh a party
     * \param peer a peer value
     * \returns the result of ComputeSharedSecret; checks that the output is untouched on failure
     */
    bool Agree(const DiffieHellman& dh, const Bytes& peer)
    {
        Bytes secret{0x5a};
        bool ok = dh.ComputeSharedSecret(peer, secret);
        if (!ok)
        {
            NS_TEST_EXPECT_MSG_EQ(BytesToHex(secret), "5a", "output untouched on failure");
        }
        return ok;
    }

    void DoRun() override
    {
        Ns3RandomSource rng(MakeStream(21));
        for (DhGroup group : {DhGroup::MODP_2048, DhGroup::ECP_256, DhGroup::CURVE25519})
        {
            auto dh = DiffieHellman::Create(group, rng);
            auto peer = DiffieHellman::Create(group, rng);
            Bytes good = peer->PublicValue();
            NS_TEST_ASSERT_MSG_EQ(Agree(*dh, good), true, "valid peer value");
            Bytes shorter(good.begin(), good.end() - 1);
            NS_TEST_ASSERT_MSG_EQ(Agree(*dh, shorter), false, "one octet short");
            Bytes longer = good;
            longer.push_back(0);
            NS_TEST_ASSERT_MSG_EQ(Agree(*dh, longer), false, "one octet long");
            NS_TEST_ASSERT_MSG_EQ(Agree(*dh, {}), false, "empty");
            NS_TEST_ASSERT_MSG_EQ(Agree(*dh, Bytes(good.size(), 0)), false, "all zero");
        }

        // X25519: small-order points give the all-zero secret.
        auto x = DiffieHellman::Create(DhGroup::CURVE25519, rng);
        Bytes one(32, 0);
        one[0] = 1;
        NS_TEST_ASSERT_MSG_EQ(Agree(*x, one), false, "X25519 u = 1 (small order)");
        Bytes order8
            = HexToBytes("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
        NS_TEST_ASSERT_MSG_EQ(Agree(*x, order8), false, "X25519 point of order 8");

        // ECP-256: RFC 5903 initiator point with y altered is not on the curve.
        auto ecp = DiffieHellman::Create(DhGroup::ECP_256, rng);
        Bytes point
            = HexToBytes("dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180"
                         "5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3");
        NS_TEST_ASSERT_MSG_EQ(Agree(*ecp, point), true, "RFC 5903 point is valid");
        point[63] ^= 0x01;
        NS_TEST_ASSERT_MSG_EQ(Agree(*ecp, point), false, "point not on the curve");
        NS_TEST_ASSERT_MSG_EQ(Agree(*ecp, Bytes(64, 0xff)), false, "coordinates >= p");

        // MODP: values <= 1 or >= p - 1.
        auto modp = DiffieHellman::Create(DhGroup::MODP_2048, rng);
        Bytes value(256, 0);
        value[255] = 1;
        NS_TEST_ASSERT_MSG_EQ(Agree(*modp, value), false, "MODP 1");
        value[255] = 2;
        NS_TEST_ASSERT_MSG_EQ(Agree(*modp, value), true, "MODP 2 (the generator)");
        Bytes pMinus1 = HexToBytes(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08"
            "79"
            "8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED"
            "6B"
            "0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48"
            "36"
            "1C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC98"
            "04"
            "F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCB"
            "F6"
            "955817183995497CEA956AE515D2261898FA051015728E5A8AACAA68FFFFFFFFFFFFFFFE");
        NS_TEST_ASSERT_MSG_EQ(Agree(*modp, pMinus1), false, "MODP p - 1");
        Bytes pMinus2 = pMinus1;
        pMinus2[255] = 0xfd;
        NS_TEST_ASSERT_MSG_EQ(Agree(*modp, pMinus2), true, "MODP p - 2");
        Bytes p = pMinus1;
        p[255] = 0xff;
        NS_TEST_ASSERT_MSG_EQ(Agree(*modp, p), false, "MODP p");
        NS_TEST_ASSERT_MSG_EQ(Agree(*modp, Bytes(256, 0xff)), false, "MODP 2^2048 - 1");

        // Private keys.
        NS_TEST_ASSERT_MSG_EQ(CreateThrows(DhGroup::CURVE25519, Bytes(31, 1)), true, "X25519 31");
        NS_TEST_ASSERT_MSG_EQ(CreateThrows(DhGroup::CURVE25519, Bytes(32, 1)), false, "X25519 32");
        NS_TEST_ASSERT_MSG_EQ(CreateThrows(DhGroup::ECP_256, Bytes(33, 1)), true, "ECP 33");
        NS_TEST_ASSERT_MSG_EQ(CreateThrows(DhGroup::ECP_256, Bytes(32, 0)), true, "ECP zero");
        NS_TEST_ASSERT_MSG_EQ(CreateThrows(DhGroup::ECP_256, Bytes(32, 0xff)), true, "ECP >= n");
        NS_TEST_ASSERT_MSG_EQ(CreateThrows(DhGroup::MODP_2048, {}), true, "MODP empty");
        NS_TEST_ASSERT_MSG_EQ(CreateThrows(DhGroup::MODP_2048, {1}), true, "MODP exponent 1");
        NS_TEST_ASSERT_MSG_EQ(CreateThrows(DhGroup::MODP_2048, Bytes(257, 1)), true, "MODP 257");
        NS_TEST_ASSERT_MSG_EQ(
            CreateThrows(static_cast<DhGroup>(20), Bytes(48, 1)), true, "unsupported group");
        auto modpKnown = DiffieHellman::CreateFromPrivateKey(DhGroup::MODP_2048, {0x02});
        Bytes four(256, 0);
        four[255] = 4;
        NS_TEST_ASSERT_MSG_EQ(BytesToHex(modpKnown->PublicValue()),
                              BytesToHex(four),
                              "MODP 2^2, zero-padded to 256 octets");
    }
};

/**
 * \ingroup ipsec-tests
 * \brief The ipsec-diffie-hellman test suite.
 */
class DiffieHellmanTestSuite : public TestSuite
{
  public:
    DiffieHellmanTestSuite()
        : TestSuite("ipsec-diffie-hellman", UNIT)
    {
        const DhVectorTestCase::Vector vectors[] = {
            {"X25519 RFC 7748 section 6.1",
             DhGroup::CURVE25519,
             "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
             "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
             "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
             "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
             "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"},
            {"X25519 RFC 8031",
             DhGroup::CURVE25519,
             "751fb4308655b476b6789b7325f9ea8cddd16a58533ff6d9e60009464a5f9d94",
             "48d5ddd4061257ba166fa3f9bbdb74f1a4e81c089384fa77f790709f0dfbc766",
             "0a54645253290d60ddadd0e030bacd9e5501efdc220755a1e978f1b839a05688",
             "0be7c1f5aad87d7e448662673298a443478b859745179eaf564c79c0ef6eee25",
             "c74950607a12327f3204d94b6825bfb068b7f8319a9e3708ed3d43ce8130c950"},
            {"ECP-256 RFC 5903 section 8.1",
             DhGroup::ECP_256,
             "C88F01F5 10D9AC3F 70A292DA A2316DE5 44E9AAB8 AFE84049 C62A9C57 862D1433",
             "DAD0B653 94221CF9 B051E1FE CA5787D0 98DFE637 FC90B9EF 945D0C37 72581180"
             "5271A046 1CDB8252 D61F1C45 6FA3E59A B1F45B33 ACCF5F58 389E0577 B8990BB3",
             "C6EF9C5D 78AE012A 011164AC B397CE20 88685D8F 06BF9BE0 B283AB46 476BEE53",
             "D12DFB52 89C8D4F8 1208B702 70398C34 2296970A 0BCCB74C 736FC755 4494BF63"
             "56FBF3CA 366CC23E 8157854C 13C58D6A AC23F046 ADA30F83 53E74F33 039872AB",
             "D6840F6B 42F6EDAF D13116E0 E1256520 2FEF8E9E CE7DCE03 812464D0 4B9442DE"},
            {"ECP-256 RFC 5114",
             DhGroup::ECP_256,
             "814264145f2f56f2e96a8e337a1284993faf432a5abce59e867b7291d507a3af",
             "2af502f3be8952f2c9b5a8d4160d09e97165be50bc42ae4a5e8d3b4ba83aeb15"
             "eb0faf4ca986c4d38681a0f9872d79d56795bd4bff6e6de3c0f5015ece5efd85",
             "2ce1788ec197e096db95a200cc0ab26a19ce6bccad562b8eee1b593761cf7f41",
             "b120de4aa36492795346e8de6c2c8646ae06aaea279fa775b3ab0715f6ce51b0"
             "9f1b7eece20d7b5ed8ec685fa3f071d83727027092a8411385c34dde5708b2b6",
             "dd0f5396219d1ea393310412d19a08f1f5811e9dc8ec8eea7f80d21c820c2788"},
        };
        for (const auto& vector : vectors)
        {
            AddTestCase(new DhVectorTestCase(vector), TestCase::QUICK);
        }
        AddTestCase(new X25519ScalarTestCase, TestCase::QUICK);
        AddTestCase(new DhRandomAgreementTestCase, TestCase::QUICK);
        AddTestCase(new DhReproducibilityTestCase, TestCase::QUICK);
        AddTestCase(new DhInvalidInputTestCase, TestCase::QUICK);
    }
};

/// The suite's static instance.
static DiffieHellmanTestSuite g_diffieHellmanTestSuite;
