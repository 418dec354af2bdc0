/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_HELPER_H
#define IPSEC_HELPER_H

#include "ns3/ipsec-data-plane.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Installs the IPsec data plane on nodes that already have an IPv4 stack, in the
 * style of InternetStackHelper.
 */
class IpsecHelper
{
  public:
    IpsecHelper();

    /// Sets an attribute of every IpsecDataPlane this helper creates.
    void SetDataPlaneAttribute(const std::string& name, const AttributeValue& value);

    /// Installs a data plane on each node of \p nodes; \return them in the same order.
    std::vector<Ptr<IpsecDataPlane>> Install(NodeContainer nodes) const;

    /// Installs a data plane on \p node (aborts if it has one or has no IPv4 stack).
    Ptr<IpsecDataPlane> Install(Ptr<Node> node) const;

    /**
     * Fixes the random streams of the data planes on \p nodes.
     * \return the number of streams used
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream) const;

  private:
    ObjectFactory m_factory;
};

} // namespace ns3

#endif // IPSEC_HELPER_H
