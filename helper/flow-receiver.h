/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_FLOW_RECEIVER_H
#define IPSEC_FLOW_RECEIVER_H

#include "ipsec-metrics.h"

#include "ns3/application.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <utility>

namespace ns3
{

class Address;
class Packet;
class SeqTsSizeHeader;

/**
 * \ingroup ipsec
 * \brief The examples' end-to-end count of their traffic: what the sources offered and what
 * reached the sink (packets, bytes, one-way delays, and packets that arrived after a later one
 * of the same flow), so that every example measures delivery the same way.
 *
 * A flow is a source (address, port). Delays and reordering need a PacketSink with
 * EnableSeqTsSizeHeader (ConnectSink); a plain socket (ConnectSocket) gives packets and bytes.
 * The object is connected to traces by address: keep it alive and in place while the
 * simulation runs.
 */
class FlowReceiver
{
  public:
    FlowReceiver() = default;
    FlowReceiver(const FlowReceiver&) = delete;
    FlowReceiver& operator=(const FlowReceiver&) = delete;

    /// Counts what \p sink (a PacketSink with EnableSeqTsSizeHeader) receives.
    void ConnectSink(Ptr<Application> sink);
    /// Counts what \p socket receives; takes its receive callback (and reads it empty).
    void ConnectSocket(Ptr<Socket> socket);
    /// Counts what \p source (an application with a "Tx" trace, e.g. OnOffApplication) sends.
    void ConnectSource(Ptr<Application> source);
    /// Counts one packet offered by a source that is not an application (a scheduled Send).
    void NoteOffered();

    /// \returns the packets offered by the connected sources
    uint64_t GetOffered() const;
    /// \returns the packets received
    uint64_t GetReceived() const;
    /// \returns the packets offered and not received (0 if more arrived than were counted)
    uint64_t GetLost() const;
    /// \returns the bytes received (application payload)
    uint64_t GetReceivedBytes() const;
    /// \returns the packets that arrived after a later packet of the same flow
    uint64_t GetReordered() const;
    /// \returns the one-way delays of the packets received by a sink
    const DelayStatistics& GetDelays() const;

    /**
     * \brief Adds the delivery figures the examples' metrics.json share: "offered_packets",
     * "delivered_packets", "delivered_bytes", "goodput_bps" (received bytes over \p duration)
     * and "latency" (DelayStatistics::ToJson).
     * \param results the object to add them to
     * \param duration the time the traffic had
     */
    void AddResults(nlohmann::json& results, Time duration) const;

  private:
    /// The sink's RxWithSeqTsSize trace.
    void ReceiveFromSink(Ptr<const Packet> packet,
                         const Address& from,
                         const Address& to,
                         const SeqTsSizeHeader& header);
    /// The socket's receive callback.
    void ReceiveFromSocket(Ptr<Socket> socket);
    /// A source's Tx trace.
    void Offered(Ptr<const Packet> packet);

    uint64_t m_offered{0};    //!< packets the sources sent
    uint64_t m_received{0};   //!< packets received
    uint64_t m_bytes{0};      //!< bytes received
    uint64_t m_reordered{0};  //!< arrived after a later packet of the same flow
    DelayStatistics m_delays; //!< one-way delays (sink only)
    std::map<std::pair<uint32_t, uint16_t>, uint32_t> m_highest; //!< flow -> highest sequence
};

} // namespace ns3

#endif // IPSEC_FLOW_RECEIVER_H
