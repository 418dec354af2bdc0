/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "single-sa-selection.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(SingleSaSelection);

TypeId
SingleSaSelection::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SingleSaSelection")
                            .SetParent<SaSelectionPolicy>()
                            .SetGroupName("Ipsec")
                            .AddConstructor<SingleSaSelection>();
    return tid;
}

std::string
SingleSaSelection::GetKeyword() const
{
    return "single";
}

} // namespace ns3
