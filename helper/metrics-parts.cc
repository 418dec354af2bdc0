/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "metrics-parts.h"

#include <stdexcept>
#include <string>

namespace ns3
{

namespace
{

/// Merge() at \p path (a JSON pointer, for messages).
void
MergeAt(nlohmann::json& whole, const nlohmann::json& part, const std::string& path)
{
    if (whole.is_null())
    {
        whole = part;
        return;
    }
    if (!whole.is_object() || !part.is_object())
    {
        throw std::invalid_argument("metrics part: " + (path.empty() ? "/" : path)
                                    + " is reported by two processes: expected each value from "
                                      "the one process that runs its node");
    }
    for (const auto& [key, value] : part.items())
    {
        auto it = whole.find(key);
        if (it == whole.end())
        {
            whole[key] = value;
        }
        else
        {
            MergeAt(*it, value, path + "/" + key);
        }
    }
}

} // namespace

void
MetricsParts::Merge(nlohmann::json& whole, const nlohmann::json& part)
{
    MergeAt(whole, part, "");
}

} // namespace ns3
