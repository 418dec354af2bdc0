/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Traffic selectors and the SPD: ranges, protocols, ports, priorities, interfaces; the SAD's
// lookups and make-before-break choice of the newest outbound SA.

#include "ns3/flow-tuple.h"
#include "ns3/security-association-database.h"
#include "ns3/security-policy-database.h"
#include "ns3/test.h"

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
        AddTestCase(new SadTestCase, TestCase::QUICK);
        AddTestCase(new SadPerCpuTestCase, TestCase::QUICK);
    }
};

SecurityPolicyTestSuite g_securityPolicyTestSuite;

} // namespace
