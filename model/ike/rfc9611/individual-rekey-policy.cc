/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "individual-rekey-policy.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IndividualRekeyPolicy);

TypeId
IndividualRekeyPolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IndividualRekeyPolicy")
                            .SetParent<IkeResourceRekeyPolicy>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<IndividualRekeyPolicy>();
    return tid;
}

IndividualRekeyPolicy::IndividualRekeyPolicy() = default;

} // namespace ns3
