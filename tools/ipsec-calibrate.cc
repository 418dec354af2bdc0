/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// ipsec-calibrate: measures the module's own ciphers (Crypto++, through Cipher::Create and
// Seal/Open, exactly as ESP uses them) on this host, for each suite and packet size, and writes
// a cost profile that ProfileCpuCostModel loads:
//
//   ./build/tools/ipsec-calibrate --output=profile.json [--repetitions=7]
//       [--sizes=64,256,512,1024,1400,9000] [--suites=aes128gcm16,...] [--minBatchMs=20]
//       [--anchorPps=320000] [--anchorBytes=1500] [--anchorSuite=aes128gcm16]
//   taskset -c 1 ./build/tools/ipsec-calibrate ...   (a pinned core gives steadier numbers)
//
// Profile format (version 1; also in doc/ipsec.rst, "CPU model"):
//
//   {
//     "format": "ns3-ipsec-cpu-profile", "version": 1,
//     "stages_ns": {"receive": R, "esp_encrypt": E, "esp_decrypt": D},
//     "suites": {"<keyword>": {"encrypt": [{"bytes": n, "ns": t}, ...],
//                              "decrypt": [{"bytes": n, "ns": t}, ...]}, ...},
//     "generator": "ipsec-calibrate", "host": {...}, "method": {...}, "anchor": {...},
//     "fit": {"<keyword>": {"encrypt": {"fixed_ns", "ns_per_byte", "cycles_per_byte"}, ...}}
//   }
//
// "suites" holds the measurements: for an inner packet of n octets, the median over the
// repetitions of the time per packet of Seal (encrypt + ICV) or Open (verify + decrypt) of the
// ESP payload (n octets + padding + the 2-octet trailer, aligned to 4 octets or to the AES-CBC
// block), with an 8-octet AAD (SPI | sequence number) and a new IV per packet. Open needs a
// fresh ciphertext each time: the copy that restores it is timed on its own and subtracted.
// Each sample is a batch of at least --minBatchMs; the repetitions go round-robin over all the
// points, so that a slow phase of a shared host spoils one sample of many points, not a point.
//
// "stages_ns" holds the stack work around the crypto, which a crypto benchmark cannot measure:
// RECEIVE is LinearCpuCostModel's default (ReceiveCycles / Frequency); the ESP stages are
// anchored like LinearCpuCostModel's defaults, so that RECEIVE + ESP stage with --anchorSuite at
// --anchorBytes costs 1 / --anchorPps (the single-core B1 figure of field-data.md 4.2: 320 kpps
// at MTU 1500), using this host's crypto time for that point. The other members are for
// people; the model ignores them ("fit" is a least-squares line through each curve, with
// cycles per byte at LinearCpuCostModel's default frequency, ready for its attributes).
//
// Wall-clock time is what this tool measures; simulations only read the file it writes.

#include "ns3/cipher-suite.h"
#include "ns3/cipher.h"
#include "ns3/core-module.h"
#include "ns3/linear-cpu-cost-model.h"
#include "ns3/profile-cpu-cost-model.h"

#include <cryptopp/config.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("IpsecCalibrate");

namespace
{

using Clock = std::chrono::steady_clock;

/// The tool's options, with their defaults.
struct Options
{
    std::string output{"ipsec-cpu-profile.json"};
    uint32_t repetitions{7};
    std::string sizes{"64,256,512,1024,1400,9000"};
    std::string suites{"aes128gcm16,aes256gcm16,chacha20poly1305,aes128-sha256,aes256-sha256"};
    uint32_t minBatchMs{20};
    double anchorPps{320e3};
    uint32_t anchorBytes{1500};
    std::string anchorSuite{"aes128gcm16"};
};

/// \return the comma-separated items of \p text
std::vector<std::string>
SplitList(const std::string& text)
{
    std::vector<std::string> items;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
    {
        items.push_back(item);
    }
    return items;
}

/// \return the packet sizes of --sizes, sorted; throws naming a bad one
std::vector<uint32_t>
ParseSizes(const std::string& text)
{
    std::vector<uint32_t> sizes;
    for (const auto& item : SplitList(text))
    {
        size_t used = 0;
        unsigned long value = 0;
        try
        {
            value = std::stoul(item, &used);
        }
        catch (const std::exception&)
        {
            used = 0;
        }
        if (item.empty() || used != item.size() || item[0] == '-' || value < 1 || value > 65000)
        {
            throw std::invalid_argument("--sizes: '" + item
                                        + "' is not a packet size: expected 1 to 65000 octets, "
                                          "comma-separated");
        }
        sizes.push_back(static_cast<uint32_t>(value));
    }
    std::sort(sizes.begin(), sizes.end());
    sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
    if (sizes.size() < 2)
    {
        throw std::invalid_argument("--sizes=" + text
                                    + ": expected at least two different sizes (the profile "
                                      "interpolates between them)");
    }
    return sizes;
}

/// \return the suites of --suites; throws naming a bad keyword
std::vector<CipherSuite>
ParseSuites(const std::string& text)
{
    std::vector<CipherSuite> suites;
    for (const auto& item : SplitList(text))
    {
        CipherSuite suite = CipherSuite::FromKeyword(item); // throws with the accepted list
        if (std::find(suites.begin(), suites.end(), suite) == suites.end())
        {
            suites.push_back(suite);
        }
    }
    if (suites.empty())
    {
        throw std::invalid_argument("--suites is empty: expected keywords such as aes128gcm16");
    }
    return suites;
}

/// \return the median of \p values (not empty)
double
Median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/// \return the octets ESP encrypts for an inner packet of \p bytes: trailer and padding added
size_t
EspPayloadLength(const CipherSuite& suite, uint32_t bytes)
{
    size_t align = std::max<size_t>(4, suite.BlockSize());
    size_t length = bytes + 2; // Pad Length and Next Header
    return (length + align - 1) / align * align;
}

/// One timed quantity: a batch runner, the batch size that takes long enough, the samples.
class Probe
{
  public:
    /// \param runBatch runs its argument's number of calls and returns the elapsed nanoseconds
    explicit Probe(std::function<double(uint64_t)> runBatch)
        : m_runBatch(std::move(runBatch))
    {
    }

    /// Doubles the batch until one batch takes at least \p minBatch (also warms caches).
    void Calibrate(std::chrono::milliseconds minBatch)
    {
        double target = std::chrono::duration<double, std::nano>(minBatch).count();
        while (m_runBatch(m_batch) < target)
        {
            m_batch *= 2;
        }
    }

    /// Times one batch and keeps the time per call.
    void Sample()
    {
        m_samples.push_back(m_runBatch(m_batch) / static_cast<double>(m_batch));
    }

    /// \return the median time per call over the samples, in nanoseconds
    double MedianNs() const
    {
        return Median(m_samples);
    }

  private:
    std::function<double(uint64_t)> m_runBatch; //!< the work
    uint64_t m_batch{1};                        //!< calls per batch
    std::vector<double> m_samples;              //!< ns per call, one per batch
};

/// \return a batch runner that calls \p work n times and returns the elapsed nanoseconds
template<typename F>
std::function<double(uint64_t)>
Batch(F work)
{
    return [work](uint64_t n) mutable
    {
        auto start = Clock::now();
        for (uint64_t i = 0; i < n; ++i)
        {
            work();
        }
        return std::chrono::duration<double, std::nano>(Clock::now() - start).count();
    };
}

/// Keeps the compiler from dropping a store to \p data.
inline void
Touch(const void* data)
{
    asm volatile("" : : "r"(data) : "memory");
}

/// The buffers of one (suite, size) point, shared by its probes.
struct PacketState
{
    std::shared_ptr<Cipher> seal;   //!< outbound direction
    std::shared_ptr<Cipher> open;   //!< inbound direction
    size_t length{0};               //!< ESP payload octets
    std::vector<uint8_t> aad;       //!< SPI | sequence number
    std::vector<uint8_t> iv;        //!< per-packet IV
    std::vector<uint8_t> payload;   //!< sealed over and over
    std::vector<uint8_t> icv;       //!< ICV of payload / sealed
    std::vector<uint8_t> sealed;    //!< one sealed packet, for Open
    std::vector<uint8_t> sealedIcv; //!< its ICV
    std::vector<uint8_t> work;      //!< the copy that Open works on
    uint64_t seq{0};                //!< sequence number
    bool opened{true};              //!< every Open succeeded
};

/// One measured point: a suite, a packet size and its three probes.
struct Point
{
    CipherSuite suite;                  //!< the suite
    uint32_t size;                      //!< inner packet octets
    std::shared_ptr<PacketState> state; //!< buffers
    Probe encrypt;                      //!< Seal
    Probe openAndCopy;                  //!< restore the ciphertext, then Open
    Probe copy;                         //!< restore the ciphertext alone
};

/// \return the point of \p suite at \p size, with its ciphers
Point
MakePoint(const CipherSuite& suite,
          uint32_t size,
          std::shared_ptr<Cipher> seal,
          std::shared_ptr<Cipher> open)
{
    auto st = std::make_shared<PacketState>();
    st->seal = std::move(seal);
    st->open = std::move(open);
    st->length = EspPayloadLength(suite, size);
    st->aad = {0x00, 0x00, 0x10, 0x01, 0x00, 0x00, 0x00, 0x01};
    st->iv.assign(suite.IvSize(), 0);
    st->payload.resize(st->length);
    for (size_t i = 0; i < st->length; ++i)
    {
        st->payload[i] = static_cast<uint8_t>(i * 7);
    }
    st->icv.resize(suite.IcvSize());
    st->sealed = st->payload;
    st->sealedIcv.resize(suite.IcvSize());
    st->seal->Seal(st->aad.data(),
                   st->aad.size(),
                   st->iv.data(),
                   st->sealed.data(),
                   st->length,
                   nullptr,
                   0,
                   st->sealedIcv.data());
    st->work.resize(st->length);

    PacketState* p = st.get();
    // Encrypt: a new sequence number (AAD) and IV per packet, as ESP does.
    Probe encrypt(Batch(
        [p]()
        {
            ++p->seq;
            std::memcpy(p->aad.data() + 4, &p->seq, 4);
            std::memcpy(p->iv.data(), &p->seq, std::min<size_t>(8, p->iv.size()));
            p->seal->Seal(p->aad.data(),
                          p->aad.size(),
                          p->iv.data(),
                          p->payload.data(),
                          p->length,
                          nullptr,
                          0,
                          p->icv.data());
            Touch(p->payload.data());
        }));
    // Decrypt: the sealed packet (sequence number 1, IV 0) restored before each Open.
    Probe openAndCopy(Batch(
        [p]()
        {
            static const std::vector<uint8_t> aad
                = {0x00, 0x00, 0x10, 0x01, 0x00, 0x00, 0x00, 0x01};
            static const std::vector<uint8_t> iv(16, 0);
            std::memcpy(p->work.data(), p->sealed.data(), p->length);
            p->opened = p->open->Open(aad.data(),
                                      aad.size(),
                                      iv.data(),
                                      p->work.data(),
                                      p->length,
                                      nullptr,
                                      0,
                                      p->sealedIcv.data())
                        && p->opened;
            Touch(p->work.data());
        }));
    Probe copy(Batch(
        [p]()
        {
            std::memcpy(p->work.data(), p->sealed.data(), p->length);
            Touch(p->work.data());
        }));
    return Point{suite, size, st, std::move(encrypt), std::move(openAndCopy), std::move(copy)};
}

/**
 * Measures every suite at every size. Repetitions go round-robin over all points, so that a
 * slow phase of a shared host spoils one sample of many points rather than every sample of one.
 */
std::vector<Point>
MeasureAll(const std::vector<CipherSuite>& suites,
           const std::vector<uint32_t>& sizes,
           const Options& o)
{
    std::vector<Point> points;
    for (const CipherSuite& suite : suites)
    {
        // Fixed keys: the cost does not depend on their value.
        Bytes encrKey(suite.EncrKeyBytes());
        Bytes integKey(suite.IntegKeyBytes());
        for (size_t i = 0; i < encrKey.size(); ++i)
        {
            encrKey[i] = static_cast<uint8_t>(0x11 * (i + 1));
        }
        for (size_t i = 0; i < integKey.size(); ++i)
        {
            integKey[i] = static_cast<uint8_t>(0x5a ^ i);
        }
        std::shared_ptr<Cipher> seal = Cipher::Create(suite, encrKey, integKey, CipherRole::SEAL);
        std::shared_ptr<Cipher> open = Cipher::Create(suite, encrKey, integKey, CipherRole::OPEN);
        for (uint32_t size : sizes)
        {
            points.push_back(MakePoint(suite, size, seal, open));
        }
    }
    std::chrono::milliseconds minBatch(o.minBatchMs);
    for (auto& point : points)
    {
        point.encrypt.Calibrate(minBatch);
        point.openAndCopy.Calibrate(minBatch);
        point.copy.Calibrate(minBatch);
    }
    for (uint32_t r = 0; r < o.repetitions; ++r)
    {
        for (auto& point : points)
        {
            point.encrypt.Sample();
            point.openAndCopy.Sample();
            point.copy.Sample();
        }
    }
    for (const auto& point : points)
    {
        if (!point.state->opened)
        {
            throw std::runtime_error("Open refused a packet that Seal made ("
                                     + point.suite.Keyword() + ", " + std::to_string(point.size)
                                     + " B): the cipher is broken");
        }
    }
    return points;
}

/// \return {"fixed_ns", "ns_per_byte", "cycles_per_byte"}: least squares through the points
nlohmann::json
Fit(const std::vector<uint32_t>& sizes, const std::vector<double>& ns, double frequency)
{
    double n = static_cast<double>(sizes.size());
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (size_t i = 0; i < sizes.size(); ++i)
    {
        sx += sizes[i];
        sy += ns[i];
        sxx += double(sizes[i]) * sizes[i];
        sxy += sizes[i] * ns[i];
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double intercept = (sy - slope * sx) / n;
    return {{"fixed_ns", intercept},
            {"ns_per_byte", slope},
            {"cycles_per_byte", slope * frequency / 1e9}};
}

/// \return the "model name" line of /proc/cpuinfo, or "unknown"
std::string
CpuName()
{
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
    {
        if (line.rfind("model name", 0) == 0)
        {
            size_t colon = line.find(':');
            return colon == std::string::npos ? line : line.substr(colon + 2);
        }
    }
    return "unknown";
}

/// \return the current UTC time as ISO 8601
std::string
UtcNow()
{
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::ostringstream out;
    out << std::put_time(&utc, "%Y-%m-%dT%H:%M:%SZ");
    return out.str();
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    cmd.Usage("Measures the module's ciphers (Crypto++) on this host and writes a JSON cost "
              "profile for ns3::ProfileCpuCostModel.");
    cmd.AddValue("output", "path of the profile to write", o.output);
    cmd.AddValue(
        "repetitions", "timed batches per point; the median is kept (1 to 1000)", o.repetitions);
    cmd.AddValue("sizes", "inner packet sizes in octets, comma-separated", o.sizes);
    cmd.AddValue("suites", "strongSwan keywords, comma-separated", o.suites);
    cmd.AddValue("minBatchMs", "shortest timed batch in milliseconds (1 to 10000)", o.minBatchMs);
    cmd.AddValue("anchorPps",
                 "packets per second of RECEIVE + ESP stage at the anchor point (B1: 320000)",
                 o.anchorPps);
    cmd.AddValue("anchorBytes", "packet size of the anchor point", o.anchorBytes);
    cmd.AddValue("anchorSuite", "suite of the anchor point", o.anchorSuite);
    cmd.Parse(argc, argv);

    std::vector<uint32_t> sizes;
    std::vector<CipherSuite> suites;
    try
    {
        if (o.repetitions < 1 || o.repetitions > 1000)
        {
            throw std::invalid_argument("--repetitions=" + std::to_string(o.repetitions)
                                        + " is out of range: expected 1 to 1000");
        }
        if (o.minBatchMs < 1 || o.minBatchMs > 10000)
        {
            throw std::invalid_argument("--minBatchMs=" + std::to_string(o.minBatchMs)
                                        + " is out of range: expected 1 to 10000");
        }
        if (!(o.anchorPps > 0))
        {
            throw std::invalid_argument("--anchorPps must be positive");
        }
        sizes = ParseSizes(o.sizes);
        suites = ParseSuites(o.suites);
        CipherSuite anchor = CipherSuite::FromKeyword(o.anchorSuite);
        if (std::find(suites.begin(), suites.end(), anchor) == suites.end())
        {
            throw std::invalid_argument("--anchorSuite=" + o.anchorSuite
                                        + " must be one of the measured --suites");
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << "ipsec-calibrate: " << e.what() << std::endl;
        return 2;
    }

    // The stack part of RECEIVE, as LinearCpuCostModel's defaults have it.
    Ptr<LinearCpuCostModel> linear = CreateObject<LinearCpuCostModel>();
    double frequency = linear->GetFrequency();
    double receiveNs = linear->GetFixedCycles(CpuStage::RECEIVE) / frequency * 1e9;

    nlohmann::json profile;
    profile["format"] = ProfileCpuCostModel::FORMAT;
    profile["version"] = ProfileCpuCostModel::VERSION;
    profile["generator"] = "ipsec-calibrate";
    profile["host"] = {{"cpu", CpuName()},
                       {"cpus_online", std::thread::hardware_concurrency()},
                       {"crypto_library",
                        "Crypto++ " + std::to_string(CRYPTOPP_VERSION / 100) + "."
                            + std::to_string(CRYPTOPP_VERSION / 10 % 10)},
                       {"date_utc", UtcNow()}};
    profile["method"]
        = {{"operation",
            "Cipher::Seal / Cipher::Open of the ESP payload of an inner packet of 'bytes' octets "
            "(trailer and padding added), 8-octet AAD, new IV per packet"},
           {"statistic",
            "median over repetitions of the time per packet in a batch; repetitions taken "
            "round-robin over all points"},
           {"repetitions", o.repetitions},
           {"min_batch_ms", o.minBatchMs},
           {"clock", "std::chrono::steady_clock"},
           {"decrypt_copy",
            "restoring the ciphertext before each Open is timed apart and "
            "subtracted"}};
    profile["suites"] = nlohmann::json::object();
    profile["fit"] = nlohmann::json::object();

    std::cout << "ipsec-calibrate: " << CpuName() << ", " << suites.size() << " suites x "
              << sizes.size() << " sizes, " << o.repetitions
              << " repetitions of >= " << o.minBatchMs << " ms" << std::endl;
    std::cout << std::left << std::setw(18) << "suite" << std::setw(9) << "op";
    for (uint32_t size : sizes)
    {
        std::cout << std::right << std::setw(10) << (std::to_string(size) + " B");
    }
    std::cout << std::right << std::setw(12) << "ns/B" << std::setw(10) << "c/B@3GHz" << std::endl;
    std::vector<Point> measured;
    try
    {
        measured = MeasureAll(suites, sizes, o);
    }
    catch (const std::exception& e)
    {
        std::cerr << "ipsec-calibrate: " << e.what() << std::endl;
        return 1;
    }
    for (const CipherSuite& suite : suites)
    {
        std::vector<double> encryptNs;
        std::vector<double> decryptNs;
        for (const auto& point : measured)
        {
            if (point.suite == suite)
            {
                encryptNs.push_back(point.encrypt.MedianNs());
                decryptNs.push_back(
                    std::max(0.0, point.openAndCopy.MedianNs() - point.copy.MedianNs()));
            }
        }
        nlohmann::json entry;
        nlohmann::json fit;
        for (const char* op : {"encrypt", "decrypt"})
        {
            const std::vector<double>& ns = std::string(op) == "encrypt" ? encryptNs : decryptNs;
            nlohmann::json points = nlohmann::json::array();
            for (size_t i = 0; i < sizes.size(); ++i)
            {
                // Rounded to 0.1 ns: the measurement noise is far larger.
                points.push_back({{"bytes", sizes[i]}, {"ns", std::round(ns[i] * 10) / 10}});
            }
            entry[op] = points;
            fit[op] = Fit(sizes, ns, frequency);
            std::cout << std::left << std::setw(18) << suite.Keyword() << std::setw(9) << op
                      << std::right << std::fixed << std::setprecision(1);
            for (double t : ns)
            {
                std::cout << std::setw(10) << t;
            }
            std::cout << std::setprecision(4) << std::setw(12)
                      << fit[op]["ns_per_byte"].get<double>() << std::setprecision(3)
                      << std::setw(10) << fit[op]["cycles_per_byte"].get<double>()
                      << std::defaultfloat << std::endl;
        }
        profile["suites"][suite.Keyword()] = entry;
        profile["fit"][suite.Keyword()] = fit;
    }
    profile["fit"]["frequency_hz"] = frequency;

    // Anchor the ESP stages: the crypto time of the anchor point comes from the profile's own
    // interpolation (ProfileCpuCostModel with zero stage times).
    profile["stages_ns"] = {{"receive", 0}, {"esp_encrypt", 0}, {"esp_decrypt", 0}};
    Ptr<ProfileCpuCostModel> curves = CreateObject<ProfileCpuCostModel>();
    curves->LoadJson(profile, "measurements");
    CipherSuite anchor = CipherSuite::FromKeyword(o.anchorSuite);
    double budgetNs = 1e9 / o.anchorPps;
    nlohmann::json stages = {{"receive", receiveNs}};
    for (CpuStage stage : {CpuStage::ESP_ENCRYPT, CpuStage::ESP_DECRYPT})
    {
        double cryptoNs = curves->GetServiceTime(stage, o.anchorBytes, &anchor).GetSeconds() * 1e9;
        double stackNs = budgetNs - receiveNs - cryptoNs;
        if (stackNs < 0)
        {
            std::cerr << "ipsec-calibrate: " << o.anchorSuite << " " << ToString(stage) << " at "
                      << o.anchorBytes << " B takes " << cryptoNs
                      << " ns here, more than the anchor's budget of " << budgetNs - receiveNs
                      << " ns after RECEIVE: lower --anchorPps" << std::endl;
            return 1;
        }
        stages[ToString(stage)] = std::round(stackNs * 10) / 10;
    }
    profile["stages_ns"] = stages;
    profile["anchor"]
        = {{"pps", o.anchorPps},
           {"bytes", o.anchorBytes},
           {"suite", o.anchorSuite},
           {"source",
            "field-data.md 4.2 B1: one SA, one core, 320 kpps at MTU 1500 (linux-ipsec.org 2026 "
            "TRex run); RECEIVE from LinearCpuCostModel's defaults"}};

    std::ofstream out(o.output);
    out << profile.dump(2) << std::endl;
    if (!out)
    {
        std::cerr << "ipsec-calibrate: cannot write " << o.output << std::endl;
        return 1;
    }
    out.close();
    std::cout << std::fixed << std::setprecision(1) << "stages_ns: receive "
              << stages["receive"].get<double>() << ", esp_encrypt "
              << stages["esp_encrypt"].get<double>() << ", esp_decrypt "
              << stages["esp_decrypt"].get<double>() << " (anchored at " << o.anchorPps << " pps, "
              << o.anchorBytes << " B, " << o.anchorSuite << ")" << std::endl;
    std::cout << "ipsec-calibrate: wrote " << o.output << std::endl;
    return 0;
}
