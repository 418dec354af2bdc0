/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "profile-cpu-cost-model.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/string.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ProfileCpuCostModel");

NS_OBJECT_ENSURE_REGISTERED(ProfileCpuCostModel);

namespace
{

/// Throws std::invalid_argument: "cost profile '<source>': <what>".
[[noreturn]] void
Fail(const std::string& source, const std::string& what)
{
    throw std::invalid_argument("cost profile '" + source + "': " + what);
}

/// \return the member \p key of \p object, or throws naming \p where.key as missing.
const nlohmann::json&
Member(const nlohmann::json& object,
       const std::string& key,
       const std::string& where,
       const std::string& source)
{
    std::string field = where.empty() ? key : where + "." + key;
    auto it = object.find(key);
    if (it == object.end())
    {
        Fail(source, "missing field " + field);
    }
    return *it;
}

/// \return \p value as a finite number >= 0, or throws naming \p field.
double
NonNegative(const nlohmann::json& value, const std::string& field, const std::string& source)
{
    if (!value.is_number())
    {
        Fail(source, "field " + field + " must be a number, got " + value.dump());
    }
    double v = value.get<double>();
    if (!std::isfinite(v) || v < 0)
    {
        Fail(source, "field " + field + " must be a finite number >= 0, got " + value.dump());
    }
    return v;
}

} // namespace

TypeId
ProfileCpuCostModel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::ProfileCpuCostModel")
              .SetParent<CpuCostModel>()
              .SetGroupName("Ipsec")
              .AddConstructor<ProfileCpuCostModel>()
              .AddAttribute("ProfileFile",
                            "Path of a JSON cost profile written by ipsec-calibrate (format in "
                            "doc/ipsec.rst, 'CPU model'); loaded when set. A missing file or bad "
                            "content is a fatal error naming the file and the field.",
                            StringValue(""),
                            MakeStringAccessor(&ProfileCpuCostModel::SetProfileFile,
                                               &ProfileCpuCostModel::GetProfileFile),
                            MakeStringChecker());
    return tid;
}

ProfileCpuCostModel::ProfileCpuCostModel() = default;

ProfileCpuCostModel::~ProfileCpuCostModel() = default;

void
ProfileCpuCostModel::SetProfileFile(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    m_profileFile = path;
    if (path.empty())
    {
        m_loaded = false;
        m_suites.clear();
        return;
    }
    try
    {
        Load(path);
    }
    catch (const std::exception& e)
    {
        NS_FATAL_ERROR("ProfileCpuCostModel: " << e.what());
    }
}

std::string
ProfileCpuCostModel::GetProfileFile() const
{
    return m_profileFile;
}

void
ProfileCpuCostModel::Load(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    std::ifstream in(path);
    if (!in)
    {
        Fail(path, "cannot open the file");
    }
    nlohmann::json profile;
    try
    {
        profile = nlohmann::json::parse(in);
    }
    catch (const nlohmann::json::exception& e)
    {
        Fail(path, std::string("not valid JSON: ") + e.what());
    }
    LoadJson(profile, path);
}

void
ProfileCpuCostModel::LoadJson(const nlohmann::json& profile, const std::string& source)
{
    NS_LOG_FUNCTION(this << source);
    if (!profile.is_object())
    {
        Fail(source, "the document must be a JSON object");
    }
    const nlohmann::json& format = Member(profile, "format", "", source);
    if (!format.is_string() || format.get<std::string>() != FORMAT)
    {
        Fail(source, "field format must be \"" + std::string(FORMAT) + "\", got " + format.dump());
    }
    const nlohmann::json& version = Member(profile, "version", "", source);
    if (!version.is_number_integer() || version.get<int64_t>() != VERSION)
    {
        Fail(source,
             "field version must be " + std::to_string(VERSION) + ", got " + version.dump());
    }

    const nlohmann::json& stages = Member(profile, "stages_ns", "", source);
    if (!stages.is_object())
    {
        Fail(source, "field stages_ns must be an object");
    }
    double receive
        = NonNegative(Member(stages, "receive", "stages_ns", source), "stages_ns.receive", source);
    double encrypt = NonNegative(
        Member(stages, "esp_encrypt", "stages_ns", source), "stages_ns.esp_encrypt", source);
    double decrypt = NonNegative(
        Member(stages, "esp_decrypt", "stages_ns", source), "stages_ns.esp_decrypt", source);

    const nlohmann::json& suites = Member(profile, "suites", "", source);
    if (!suites.is_object() || suites.empty())
    {
        Fail(source, "field suites must be a non-empty object keyed by suite keyword");
    }
    std::map<std::string, SuiteCurves> parsed;
    for (auto it = suites.begin(); it != suites.end(); ++it)
    {
        const std::string& keyword = it.key();
        std::string where = "suites." + keyword;
        try
        {
            CipherSuite::FromKeyword(keyword);
        }
        catch (const std::invalid_argument& e)
        {
            Fail(source, "field " + where + ": " + e.what());
        }
        if (!it.value().is_object())
        {
            Fail(source, "field " + where + " must be an object with encrypt and decrypt");
        }
        SuiteCurves curves;
        for (const char* op : {"encrypt", "decrypt"})
        {
            std::string opWhere = where + "." + op;
            const nlohmann::json& points = Member(it.value(), op, where, source);
            if (!points.is_array() || points.size() < 2)
            {
                Fail(source,
                     "field " + opWhere
                         + " must be an array of at least two {\"bytes\", \"ns\"} points");
            }
            Curve curve;
            for (size_t i = 0; i < points.size(); ++i)
            {
                std::string pointWhere = opWhere + "[" + std::to_string(i) + "]";
                if (!points[i].is_object())
                {
                    Fail(source, "field " + pointWhere + " must be an object {\"bytes\", \"ns\"}");
                }
                double bytes = NonNegative(
                    Member(points[i], "bytes", pointWhere, source), pointWhere + ".bytes", source);
                double ns = NonNegative(
                    Member(points[i], "ns", pointWhere, source), pointWhere + ".ns", source);
                curve.emplace_back(bytes, ns);
            }
            std::sort(curve.begin(), curve.end());
            for (size_t i = 1; i < curve.size(); ++i)
            {
                if (curve[i].first == curve[i - 1].first)
                {
                    std::ostringstream size;
                    size << curve[i].first;
                    Fail(source,
                         "field " + opWhere + " has two points for " + size.str() + " bytes");
                }
            }
            (std::string(op) == "encrypt" ? curves.encrypt : curves.decrypt) = curve;
        }
        parsed[CipherSuite::FromKeyword(keyword).Keyword()] = curves;
    }

    m_source = source;
    m_receiveNs = receive;
    m_encryptNs = encrypt;
    m_decryptNs = decrypt;
    m_suites = std::move(parsed);
    m_loaded = true;
    NS_LOG_INFO("loaded cost profile " << source << " with " << m_suites.size() << " suites");
}

bool
ProfileCpuCostModel::IsLoaded() const
{
    return m_loaded;
}

Time
ProfileCpuCostModel::GetStageTime(CpuStage stage) const
{
    double ns = 0;
    switch (stage)
    {
        case CpuStage::RECEIVE:
            ns = m_receiveNs;
            break;
        case CpuStage::ESP_ENCRYPT:
            ns = m_encryptNs;
            break;
        case CpuStage::ESP_DECRYPT:
            ns = m_decryptNs;
            break;
    }
    return Time(ns * 1e-9 * static_cast<double>(Seconds(1).GetTimeStep()));
}

std::vector<std::string>
ProfileCpuCostModel::GetSuites() const
{
    std::vector<std::string> keywords;
    for (const auto& entry : m_suites)
    {
        keywords.push_back(entry.first);
    }
    return keywords;
}

double
ProfileCpuCostModel::Interpolate(const Curve& curve, double bytes)
{
    // The segment that contains bytes, or the first/last segment outside the measured range.
    size_t hi = 1;
    while (hi + 1 < curve.size() && bytes > curve[hi].first)
    {
        ++hi;
    }
    const auto& a = curve[hi - 1];
    const auto& b = curve[hi];
    return a.second + (bytes - a.first) * (b.second - a.second) / (b.first - a.first);
}

Time
ProfileCpuCostModel::DoGetServiceTime(CpuStage stage,
                                      uint32_t bytes,
                                      const CipherSuite* suite) const
{
    NS_ABORT_MSG_UNLESS(m_loaded,
                        "ProfileCpuCostModel: no cost profile loaded; set the ProfileFile "
                        "attribute to a file written by ipsec-calibrate");
    double ns = 0;
    switch (stage)
    {
        case CpuStage::RECEIVE:
            ns = m_receiveNs;
            break;
        case CpuStage::ESP_ENCRYPT:
        case CpuStage::ESP_DECRYPT:
        {
            auto it = m_suites.find(suite->Keyword());
            NS_ABORT_MSG_IF(it == m_suites.end(),
                            "ProfileCpuCostModel: cost profile '" << m_source << "' has no suite "
                                                                  << *suite << " (field suites."
                                                                  << *suite << ")");
            bool encrypt = stage == CpuStage::ESP_ENCRYPT;
            double crypto = Interpolate(encrypt ? it->second.encrypt : it->second.decrypt, bytes);
            ns = (encrypt ? m_encryptNs : m_decryptNs) + std::max(0.0, crypto);
            break;
        }
    }
    return Time(ns * 1e-9 * static_cast<double>(Seconds(1).GetTimeStep()));
}

} // namespace ns3
