/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_PROFILE_CPU_COST_MODEL_H
#define IPSEC_PROFILE_CPU_COST_MODEL_H

#include "cpu-cost-model.h"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A cost model read from a measured cost profile (JSON), as written by the
 * ipsec-calibrate tool: per suite and operation, the crypto time at a few packet sizes,
 * interpolated piecewise-linearly (and extrapolated linearly beyond the smallest and largest
 * sizes), plus a fixed stack time per stage.
 *
 *     RECEIVE:      stages_ns.receive
 *     ESP_ENCRYPT:  stages_ns.esp_encrypt + encrypt curve of the suite at bytes
 *     ESP_DECRYPT:  stages_ns.esp_decrypt + decrypt curve of the suite at bytes
 *
 * A curve value below zero (extrapolation below the smallest size) counts as zero.
 *
 * The profile format (version 1; doc/ipsec.rst, "CPU model"):
 * \code
 * {
 *   "format": "ns3-ipsec-cpu-profile",
 *   "version": 1,
 *   "stages_ns": {"receive": 1000, "esp_encrypt": 1690, "esp_decrypt": 1680},
 *   "suites": {
 *     "aes128gcm16": {
 *       "encrypt": [{"bytes": 64, "ns": 163.3}, {"bytes": 1400, "ns": 638.7}, ...],
 *       "decrypt": [{"bytes": 64, "ns": 176.8}, ...]
 *     },
 *     ...
 *   }
 * }
 * \endcode
 * Each suite key is a strongSwan keyword (CipherSuite::Keywords); each curve has at least two
 * points with distinct sizes, in any order; every time is a finite number of nanoseconds, not
 * negative. Other members (the tool writes "generator", "host", "method", "fit") are ignored.
 * Suites absent from the profile cannot be costed (asking for one is a fatal error naming it).
 */
class ProfileCpuCostModel : public CpuCostModel
{
  public:
    /// Value of the profile's "format" member.
    static constexpr const char* FORMAT = "ns3-ipsec-cpu-profile";
    /// Value of the profile's "version" member that this class reads.
    static constexpr int VERSION = 1;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ProfileCpuCostModel();
    ~ProfileCpuCostModel() override;

    /**
     * \brief Reads and checks a profile file; replaces the loaded profile only on success.
     * \param path the JSON file
     * \throws std::invalid_argument naming the file and the missing or bad field
     */
    void Load(const std::string& path);

    /**
     * \brief Checks and takes a parsed profile; replaces the loaded profile only on success.
     * \param profile the document
     * \param source names the document in error messages (usually its path)
     * \throws std::invalid_argument naming source and the missing or bad field
     */
    void LoadJson(const nlohmann::json& profile, const std::string& source);

    /// \return true once a profile is loaded
    bool IsLoaded() const;

    /// \return the path last set by the ProfileFile attribute ("" if none)
    std::string GetProfileFile() const;

    /**
     * \param stage the stage
     * \return the fixed stack time of the stage (zero if no profile is loaded)
     */
    Time GetStageTime(CpuStage stage) const;

    /// \return the keywords of the suites the loaded profile covers, sorted
    std::vector<std::string> GetSuites() const;

  private:
    /// Measured crypto time against packet size: (bytes, ns) points sorted by bytes.
    using Curve = std::vector<std::pair<double, double>>;

    /// The costs of one suite.
    struct SuiteCurves
    {
        Curve encrypt; //!< ESP_ENCRYPT crypto time
        Curve decrypt; //!< ESP_DECRYPT crypto time
    };

    /**
     * \param curve at least two points sorted by size
     * \param bytes a size
     * \return the piecewise-linear value at bytes, extrapolated from the end segments
     */
    static double Interpolate(const Curve& curve, double bytes);

    /// ProfileFile attribute setter: loads the file, fatal error on failure, "" unloads.
    void SetProfileFile(const std::string& path);

    Time DoGetServiceTime(CpuStage stage, uint32_t bytes, const CipherSuite* suite) const override;

    std::string m_profileFile;                   //!< the ProfileFile attribute
    std::string m_source;                        //!< what the loaded profile was read from
    bool m_loaded{false};                        //!< a profile is loaded
    double m_receiveNs{0};                       //!< RECEIVE time
    double m_encryptNs{0};                       //!< ESP_ENCRYPT stack time
    double m_decryptNs{0};                       //!< ESP_DECRYPT stack time
    std::map<std::string, SuiteCurves> m_suites; //!< by strongSwan keyword
};

} // namespace ns3

#endif // IPSEC_PROFILE_CPU_COST_MODEL_H
