/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Traffic selectors and the SPD: ranges, protocols, ports, priorities, interfaces; the SAD's
// lookups and make-before-break choice of the newest outbound SA. The SPD's destination index
// is checked against a walk over every policy, on a hub-like table with wide and narrow ranges.

#include "ns3/flow-tuple.h"
#include "ns3/security-association-database.h"
#include "ns3/security-policy-database.h"
#include "ns3/test.h"

#include <map>
#include <random>

using namespace ns3;

namespace
{

FlowTuple
Tuple(const char* src, const char* dst, uint8_t proto, uint16_t sport, uint16_t dport)
{
    FlowTuple t;
    t.source = Ipv4Address(src);
    t.destination = Ipv4Address(dst);
    t.protocol = proto;
    t.sourcePort = sport;
    t.destinationPort = dport;
    return t;
}

class TrafficSelectorTestCase : public TestCase
{
  public:
    TrafficSelectorTestCase()
        : TestCase("selectors match address ranges, protocol and port ranges")
    {
    }

  private:
    void DoRun() override
    {
        TrafficSelector net
            = TrafficSelector::FromPrefix(Ipv4Address("10.1.2.3"), Ipv4Mask("255.255.255.0"));
        NS_TEST_ASSERT_MSG_EQ(net.startAddress, Ipv4Address("10.1.2.0"), "start");
        NS_TEST_ASSERT_MSG_EQ(net.endAddress, Ipv4Address("10.1.2.255"), "end");
        NS_TEST_ASSERT_MSG_EQ(net.Matches(Ipv4Address("10.1.2.255"), 6, 80), true, "in range");
        NS_TEST_ASSERT_MSG_EQ(net.Matches(Ipv4Address("10.1.3.0"), 6, 80), false, "outside");
        TrafficSelector dns = net;
        dns.protocol = 17;
        dns.startPort = dns.endPort = 53;
        NS_TEST_ASSERT_MSG_EQ(dns.Matches(Ipv4Address("10.1.2.9"), 17, 53), true, "udp/53");
        NS_TEST_ASSERT_MSG_EQ(dns.Matches(Ipv4Address("10.1.2.9"), 6, 53), false, "tcp/53");
        NS_TEST_ASSERT_MSG_EQ(dns.Matches(Ipv4Address("10.1.2.9"), 17, 54), false, "udp/54");
        NS_TEST_ASSERT_MSG_EQ(dns.IsSubsetOf(net), true, "narrowed");
        NS_TEST_ASSERT_MSG_EQ(net.IsSubsetOf(dns), false, "not narrower");
    }
};

class PolicyLookupTestCase : public TestCase
{
  public:
    PolicyLookupTestCase()
        : TestCase("the SPD picks the matching policy of the interface with the lowest priority")
    {
    }

  private:
    void DoRun() override
    {
        SecurityPolicyDatabase spd;
        SecurityPolicy all;
        all.interfaceId = 1;
        all.reqid = 1;
        all.priority = 100;
        all.local = TrafficSelector::FromPrefix(Ipv4Address("10.1.0.0"), Ipv4Mask("255.255.0.0"));
        all.remote = TrafficSelector::FromPrefix(Ipv4Address("10.2.0.0"), Ipv4Mask("255.255.0.0"));
        SecurityPolicy web = all;
        web.reqid = 2;
        web.priority = 10;
        web.remote.protocol = 6;
        web.remote.startPort = web.remote.endPort = 443;
        SecurityPolicy blocked = all;
        blocked.action = PolicyAction::DISCARD;
        blocked.priority = 5;
        blocked.remote.protocol = 17;
        blocked.remote.startPort = blocked.remote.endPort = 9;
        SecurityPolicy other = all;
        other.interfaceId = 2;
        other.reqid = 3;
        spd.Add(all);
        uint32_t webId = spd.Add(web);
        spd.Add(blocked);
        spd.Add(other);
        NS_TEST_ASSERT_MSG_EQ(spd.Size(), 4, "installed");
        auto lookup = [&spd](uint32_t ifId, FlowTuple t) { return spd.LookupOutbound(ifId, t); };
        NS_TEST_ASSERT_MSG_EQ(lookup(1, Tuple("10.1.0.1", "10.2.0.1", 6, 5000, 443))->reqid,
                              2,
                              "https takes the narrower, preferred policy");
        NS_TEST_ASSERT_MSG_EQ(lookup(1, Tuple("10.1.0.1", "10.2.0.1", 6, 5000, 80))->reqid,
                              1,
                              "http the general one");
        NS_TEST_ASSERT_MSG_EQ(int(lookup(1, Tuple("10.1.0.1", "10.2.0.1", 17, 7, 9))->action),
                              int(PolicyAction::DISCARD),
                              "discard policy");
        NS_TEST_ASSERT_MSG_EQ(lookup(2, Tuple("10.1.0.1", "10.2.0.1", 6, 5000, 443))->reqid,
                              3,
                              "the other interface has its own policies");
        NS_TEST_ASSERT_MSG_EQ((lookup(1, Tuple("10.3.0.1", "10.2.0.1", 6, 1, 2)) == nullptr),
                              true,
                              "no policy for other sources");
        NS_TEST_ASSERT_MSG_EQ(spd.Remove(webId), true, "removed");
        NS_TEST_ASSERT_MSG_EQ(lookup(1, Tuple("10.1.0.1", "10.2.0.1", 6, 5000, 443))->reqid,
                              1,
                              "then the general one applies");
        NS_TEST_ASSERT_MSG_EQ(spd.FindByReqid(3)->interfaceId, 2, "by reqid");
    }
};

class FlowTupleParseTestCase : public TestCase
{
  public:
    FlowTupleParseTestCase()
        : TestCase("a flow is parsed from a packet's head, ports only when the head holds them")
    {
    }

  private:
    void DoRun() override
    {
        // IPv4 with a 60-octet header (40 octets of options), UDP 1000 -> 4500.
        uint8_t packet[68] = {};
        packet[0] = 0x4f; // version 4, IHL 15
        packet[3] = sizeof(packet);
        packet[8] = 64;
        packet[9] = 17;
        packet[12] = 10;
        packet[15] = 1;
        packet[16] = 10;
        packet[19] = 2;
        packet[60] = 1000 >> 8;
        packet[61] = 1000 & 0xff;
        packet[62] = 4500 >> 8;
        packet[63] = 4500 & 0xff;
        FlowTuple tuple;
        NS_TEST_ASSERT_MSG_EQ(FlowTuple::Parse(packet, 64, tuple), true, "parsed");
        NS_TEST_ASSERT_MSG_EQ(tuple.sourcePort, 1000, "source port after the options");
        NS_TEST_ASSERT_MSG_EQ(tuple.destinationPort, 4500, "destination port");
        NS_TEST_ASSERT_MSG_EQ(tuple.destination, Ipv4Address("10.0.0.2"), "destination");
        NS_TEST_ASSERT_MSG_EQ(FlowTuple::Parse(packet, 60, tuple), true, "a head of 60 octets");
        NS_TEST_ASSERT_MSG_EQ(tuple.sourcePort, 0, "no ports read beyond the head");
        NS_TEST_ASSERT_MSG_EQ(FlowTuple::Parse(packet, 59, tuple), false, "header cut short");
    }
};

class PolicyIndexTestCase : public TestCase
{
  public:
    PolicyIndexTestCase()
        : TestCase("the SPD's destination index gives what a walk over every policy gives")
    {
    }

  private:
    /// The answer of a walk over \p policies (by id, oldest first) of \p interfaceId.
    static const SecurityPolicy* Walk(const std::map<uint32_t, SecurityPolicy>& policies,
                                      uint32_t interfaceId,
                                      const FlowTuple& t)
    {
        const SecurityPolicy* best = nullptr;
        for (const auto& [id, policy] : policies)
        {
            if (policy.interfaceId == interfaceId
                && policy.local.Matches(t.source, t.protocol, t.sourcePort)
                && policy.remote.Matches(t.destination, t.protocol, t.destinationPort)
                && (best == nullptr || policy.priority < best->priority))
            {
                best = &policy;
            }
        }
        return best;
    }

    void DoRun() override
    {
        // Remote prefixes from /8 (wider than the index lists per block) to /26, all inside
        // 10.0.0.0/8, so that ranges overlap; priorities from a small set, so that ties happen.
        std::mt19937 random(9611);
        auto pick = [&random](uint32_t n) { return uint32_t(random() % n); };
        SecurityPolicyDatabase spd;
        std::map<uint32_t, SecurityPolicy> reference;
        const uint32_t lengths[] = {0, 8, 12, 16, 20, 24, 24, 24, 26};
        for (uint32_t i = 0; i < 600; ++i)
        {
            SecurityPolicy policy;
            policy.interfaceId = 1 + pick(2);
            policy.reqid = i + 1;
            policy.priority = 10 * pick(4);
            policy.action = pick(10) == 0 ? PolicyAction::DISCARD : PolicyAction::PROTECT;
            uint32_t length = lengths[pick(9)];
            Ipv4Mask mask(length == 0 ? 0 : ~((1u << (32 - length)) - 1));
            uint32_t address = (10u << 24) | (pick(1u << 24) & mask.Get());
            policy.remote = TrafficSelector::FromPrefix(Ipv4Address(address), mask);
            if (pick(5) == 0)
            {
                policy.remote.protocol = 17;
                policy.remote.startPort = policy.remote.endPort = 4500 + pick(2);
            }
            uint32_t id = spd.Add(policy);
            reference.emplace(id, policy);
        }
        for (uint32_t i = 0; i < 150; ++i) // remove some, as deleted tunnels do
        {
            auto it = std::next(reference.begin(), pick(reference.size()));
            NS_TEST_ASSERT_MSG_EQ(spd.Remove(it->first), true, "removed");
            reference.erase(it);
        }
        uint32_t found = 0;
        for (uint32_t i = 0; i < 20000; ++i)
        {
            FlowTuple t;
            t.source = Ipv4Address("192.168.0.1");
            // Mostly near the policies' addresses, sometimes anywhere.
            Ipv4Address near = reference.empty()
                                   ? Ipv4Address()
                                   : std::next(reference.begin(), pick(reference.size()))
                                         ->second.remote.startAddress;
            t.destination = pick(4) == 0 ? Ipv4Address(uint32_t(random()))
                                         : Ipv4Address(near.Get() + pick(512));
            t.protocol = pick(2) ? 17 : 6;
            t.sourcePort = 1000;
            t.destinationPort = 4500 + pick(2);
            uint32_t interfaceId = 1 + pick(2);
            const SecurityPolicy* expected = Walk(reference, interfaceId, t);
            const SecurityPolicy* actual = spd.LookupOutbound(interfaceId, t);
            NS_TEST_ASSERT_MSG_EQ((actual == nullptr),
                                  (expected == nullptr),
                                  "a policy where the walk finds one, for " << t.destination);
            if (actual != nullptr && expected != nullptr)
            {
                NS_TEST_ASSERT_MSG_EQ(
                    actual->reqid, expected->reqid, "the same policy for " << t.destination);
                found++;
            }
        }
        NS_TEST_ASSERT_MSG_GT(found, 5000u, "most lookups find a policy: the check has teeth");
    }
};

class SadTestCase : public TestCase
{
  public:
    SadTestCase()
        : TestCase("the SAD finds SAs by SPI and prefers the newest outbound SA of a reqid")
    {
    }

  private:
    static Ptr<IpsecSa> Sa(SaDirection direction, uint32_t spi, uint32_t reqid)
    {
        SaParams p;
        p.direction = direction;
        p.spi = spi;
        p.reqid = reqid;
        p.tunnelDestination = Ipv4Address("192.0.2.1");
        p.suite = CipherSuite::FromKeyword("aes128gcm16");
        p.encryptionKey.resize(p.suite.EncrKeyBytes());
        return Create<IpsecSa>(p, CryptoMode::SIZE_ONLY);
    }

    void DoRun() override
    {
        SecurityAssociationDatabase sad;
        Ptr<IpsecSa> in = Sa(SaDirection::INBOUND, 1000, 1);
        Ptr<IpsecSa> old = Sa(SaDirection::OUTBOUND, 2000, 1);
        Ptr<IpsecSa> rekeyed = Sa(SaDirection::OUTBOUND, 3000, 1);
        sad.Add(in);
        sad.Add(old);
        NS_TEST_ASSERT_MSG_EQ(sad.SelectOutbound(1), old, "the only one");
        sad.Add(rekeyed);
        NS_TEST_ASSERT_MSG_EQ(sad.SelectOutbound(1), rekeyed, "make-before-break: the newest");
        NS_TEST_ASSERT_MSG_EQ(sad.FindInbound(1000), in, "inbound by SPI");
        NS_TEST_ASSERT_MSG_EQ(sad.FindOutbound(Ipv4Address("192.0.2.1"), 2000), old, "outbound");
        bool threw = false;
        try
        {
            sad.Add(Sa(SaDirection::INBOUND, 1000, 2));
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "duplicate inbound SPI refused");
        rekeyed->MarkHardExpired();
        NS_TEST_ASSERT_MSG_EQ(sad.SelectOutbound(1), old, "a hard-expired SA is skipped");
        NS_TEST_ASSERT_MSG_EQ(sad.Remove(old), true, "removed");
        NS_TEST_ASSERT_MSG_EQ((sad.SelectOutbound(1) == nullptr), true, "none usable left");
        NS_TEST_ASSERT_MSG_EQ(sad.Size(), 2, "in and the expired one");
        NS_TEST_ASSERT_MSG_EQ(sad.All().front(), in, "sorted: inbound first");
    }
};

class SadPerCpuTestCase : public TestCase
{
  public:
    SadPerCpuTestCase()
        : TestCase("per-CPU SAs are found by (reqid, core); the fallback has no core")
    {
    }

  private:
    static Ptr<IpsecSa> Sa(uint32_t spi, uint32_t cpu)
    {
        SaParams p;
        p.direction = SaDirection::OUTBOUND;
        p.spi = spi;
        p.reqid = 7;
        p.cpu = cpu;
        p.suite = CipherSuite::FromKeyword("aes128gcm16");
        p.encryptionKey.resize(p.suite.EncrKeyBytes());
        return Create<IpsecSa>(p, CryptoMode::SIZE_ONLY);
    }

    void DoRun() override
    {
        SecurityAssociationDatabase sad;
        Ptr<IpsecSa> fallback = Sa(1000, SaParams::NO_CPU);
        Ptr<IpsecSa> cpu3 = Sa(1003, 3);
        sad.Add(fallback);
        sad.Add(cpu3);
        NS_TEST_ASSERT_MSG_EQ(sad.SelectOutbound(7, 3), cpu3, "core 3 has its own");
        NS_TEST_ASSERT_MSG_EQ((sad.SelectOutbound(7, 2) == nullptr), true, "core 2 has none");
        NS_TEST_ASSERT_MSG_EQ(sad.SelectOutbound(7, SaParams::NO_CPU), fallback, "fallback");
        NS_TEST_ASSERT_MSG_EQ(sad.SelectOutbound(7), cpu3, "single selection: the newest");
        Ptr<IpsecSa> cpu3b = Sa(1013, 3);
        sad.Add(cpu3b);
        NS_TEST_ASSERT_MSG_EQ(sad.SelectOutbound(7, 3), cpu3b, "a rekeyed per-CPU SA");
        sad.Remove(cpu3b);
        sad.Remove(cpu3);
        NS_TEST_ASSERT_MSG_EQ((sad.SelectOutbound(7, 3) == nullptr), true, "gone");
    }
};

class SecurityPolicyTestSuite : public TestSuite
{
  public:
    SecurityPolicyTestSuite()
        : TestSuite("ipsec-policy", UNIT)
    {
        AddTestCase(new TrafficSelectorTestCase, TestCase::QUICK);
        AddTestCase(new PolicyLookupTestCase, TestCase::QUICK);
        AddTestCase(new PolicyIndexTestCase, TestCase::QUICK);
        AddTestCase(new FlowTupleParseTestCase, TestCase::QUICK);
        AddTestCase(new SadTestCase, TestCase::QUICK);
        AddTestCase(new SadPerCpuTestCase, TestCase::QUICK);
    }
};

SecurityPolicyTestSuite g_securityPolicyTestSuite;

} // namespace
