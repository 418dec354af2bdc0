/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ike-parse-status.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeParseStatus");

std::string
ToString(IkeParseError error)
{
    switch (error)
    {
        case IkeParseError::NONE:
            return "NONE";
        case IkeParseError::TRUNCATED_HEADER:
            return "TRUNCATED_HEADER";
        case IkeParseError::UNSUPPORTED_MAJOR_VERSION:
            return "UNSUPPORTED_MAJOR_VERSION";
        case IkeParseError::LENGTH_MISMATCH:
            return "LENGTH_MISMATCH";
        case IkeParseError::BAD_PAYLOAD_LENGTH:
            return "BAD_PAYLOAD_LENGTH";
        case IkeParseError::PAYLOAD_TOO_SHORT:
            return "PAYLOAD_TOO_SHORT";
        case IkeParseError::MALFORMED_PAYLOAD:
            return "MALFORMED_PAYLOAD";
        case IkeParseError::TRAILING_DATA:
            return "TRAILING_DATA";
        case IkeParseError::SK_NOT_LAST:
            return "SK_NOT_LAST";
        case IkeParseError::NESTED_SK:
            return "NESTED_SK";
        case IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD:
            return "UNSUPPORTED_CRITICAL_PAYLOAD";
        case IkeParseError::BAD_ENCRYPTED_LENGTH:
            return "BAD_ENCRYPTED_LENGTH";
        case IkeParseError::INTEGRITY_CHECK_FAILED:
            return "INTEGRITY_CHECK_FAILED";
        case IkeParseError::BAD_PADDING:
            return "BAD_PADDING";
    }
    return "PARSE_ERROR_" + std::to_string(static_cast<unsigned>(error));
}

std::ostream&
operator<<(std::ostream& os, IkeParseError error)
{
    return os << ToString(error);
}

IkeParseStatus::IkeParseStatus()
    : m_error(IkeParseError::NONE)
    , m_payloadType(IkePayloadType::NONE)
{
}

IkeParseStatus::IkeParseStatus(IkeParseError error, std::string detail, IkePayloadType payloadType)
    : m_error(error)
    , m_detail(std::move(detail))
    , m_payloadType(payloadType)
{
}

bool
IkeParseStatus::IsOk() const
{
    return m_error == IkeParseError::NONE;
}

IkeParseError
IkeParseStatus::GetError() const
{
    return m_error;
}

const std::string&
IkeParseStatus::GetDetail() const
{
    return m_detail;
}

IkePayloadType
IkeParseStatus::GetPayloadType() const
{
    return m_payloadType;
}

IkeNotifyType
IkeParseStatus::GetSuggestedNotify() const
{
    switch (m_error)
    {
        case IkeParseError::NONE:
            return static_cast<IkeNotifyType>(0);
        case IkeParseError::UNSUPPORTED_MAJOR_VERSION:
            return IkeNotifyType::INVALID_MAJOR_VERSION;
        case IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD:
            return IkeNotifyType::UNSUPPORTED_CRITICAL_PAYLOAD;
        default:
            return IkeNotifyType::INVALID_SYNTAX;
    }
}

std::string
IkeParseStatus::ToString() const
{
    if (IsOk())
    {
        return "OK";
    }
    return ns3::ToString(m_error) + ": " + m_detail;
}

std::ostream&
operator<<(std::ostream& os, const IkeParseStatus& status)
{
    return os << status.ToString();
}

} // namespace ns3
