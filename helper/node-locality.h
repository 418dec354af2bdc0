/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_NODE_LOCALITY_H
#define IPSEC_NODE_LOCALITY_H

#include "ns3/node.h"
#include "ns3/ptr.h"

#include <string>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief Which process runs a node, for runs over several processes with ns-3's MPI engine
 * (DistributedSimulatorImpl, NullMessageSimulatorImpl): every process builds every node, but
 * only the nodes whose SystemId is the process's rank run there. Helpers start applications and
 * read counters only on local nodes, and refuse what needs another process's nodes.
 *
 * Needs no link to ns-3's mpi module: the rank is Simulator::GetSystemId() (0 without MPI).
 */
class NodeLocality
{
  public:
    /// \returns true if the simulator is one of ns-3's distributed (MPI) implementations
    static bool IsDistributed();

    /// \param node a node \returns true if this process runs \p node
    static bool IsLocal(Ptr<const Node> node);

    /**
     * Stops the run with a message naming \p user and the node if another process runs
     * \p node: its counters here would be silently zero.
     */
    static void RequireLocal(Ptr<const Node> node, const std::string& user);

    /**
     * Stops the run with a message naming \p user and \p reason if the simulator is
     * distributed: for what cannot be split over processes.
     */
    static void RequireSingleProcess(const std::string& user, const std::string& reason);
};

} // namespace ns3

#endif // IPSEC_NODE_LOCALITY_H
