/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_LINEAR_CPU_COST_MODEL_H
#define IPSEC_LINEAR_CPU_COST_MODEL_H

#include "cpu-cost-model.h"

namespace ns3
{

/**
 * \ingroup ipsec
 * \brief A cost model linear in the packet size: fixed cycles per packet for each stage plus,
 * for the ESP stages, cycles per byte of the SA's suite (separately for encrypt and decrypt),
 * divided by the core frequency.
 *
 *     RECEIVE:      (ReceiveCycles + bytes * ReceiveCyclesPerByte) / Frequency
 *     ESP_ENCRYPT:  (EncryptCycles + bytes * <Suite>EncryptCyclesPerByte) / Frequency
 *     ESP_DECRYPT:  (DecryptCycles + bytes * <Suite>DecryptCyclesPerByte) / Frequency
 *
 * The defaults model a Linux kernel gateway: a forwarding and encrypting gateway with one SA
 * (RECEIVE + ESP_ENCRYPT, aes128gcm16, 1500 octets) serves 320 kpps on one core, the best
 * single-SA single-core figure of the linux-ipsec.org 2026 TRex run (field-data.md section 4.2,
 * B1). The per-byte costs are Crypto++ 8.7 on AES-NI/SHA-NI/AVX2 (platform.md section 1), so
 * the five suites differ as the module's real ciphers do; the fixed costs are chosen so that
 * the B1 figure holds. The source of every default is in linear-cpu-cost-model.cc.
 *
 * Per-suite fixed crypto costs (for example ChaCha20-Poly1305's ~0.5 us per packet against
 * AES-GCM's ~0.15 us) are not separated here; ProfileCpuCostModel has them.
 */
class LinearCpuCostModel : public CpuCostModel
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    LinearCpuCostModel();
    ~LinearCpuCostModel() override;

    /**
     * \param stage ESP_ENCRYPT or ESP_DECRYPT (RECEIVE gives ReceiveCyclesPerByte)
     * \param suite a supported suite (CipherSuite::IsSupported)
     * \return the cycles per byte used for that stage and suite (aborts on an unsupported suite)
     */
    double GetCyclesPerByte(CpuStage stage, const CipherSuite& suite) const;

    /**
     * \param stage the stage
     * \return the fixed cycles per packet of the stage
     */
    double GetFixedCycles(CpuStage stage) const;

    /// \return the core frequency in Hz
    double GetFrequency() const;

  private:
    Time DoGetServiceTime(CpuStage stage, uint32_t bytes, const CipherSuite* suite) const override;

    double m_frequency;            //!< core clock, Hz
    double m_receiveCycles;        //!< fixed cycles of RECEIVE
    double m_receiveCyclesPerByte; //!< per-byte cycles of RECEIVE
    double m_encryptCycles;        //!< fixed cycles of ESP_ENCRYPT
    double m_decryptCycles;        //!< fixed cycles of ESP_DECRYPT
    double m_aes128GcmEncrypt;     //!< aes128gcm16 encrypt, cycles per byte
    double m_aes128GcmDecrypt;     //!< aes128gcm16 decrypt, cycles per byte
    double m_aes256GcmEncrypt;     //!< aes256gcm16 encrypt, cycles per byte
    double m_aes256GcmDecrypt;     //!< aes256gcm16 decrypt, cycles per byte
    double m_chachaEncrypt;        //!< chacha20poly1305 encrypt, cycles per byte
    double m_chachaDecrypt;        //!< chacha20poly1305 decrypt, cycles per byte
    double m_aes128CbcEncrypt;     //!< aes128-sha256 encrypt, cycles per byte
    double m_aes128CbcDecrypt;     //!< aes128-sha256 decrypt, cycles per byte
    double m_aes256CbcEncrypt;     //!< aes256-sha256 encrypt, cycles per byte
    double m_aes256CbcDecrypt;     //!< aes256-sha256 decrypt, cycles per byte
};

} // namespace ns3

#endif // IPSEC_LINEAR_CPU_COST_MODEL_H
