// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The request loop of `golf serve` (job/serveprotocol.h): requests are read on a thread of
// their own, so that a cancel reaches the request in progress, and run one at a time on the
// calling thread by the handler registered for their op. Replies go to a private copy of
// stdout; the real stdout is pointed at stderr first, so nothing the core prints can break a
// message.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace App {

/// What a handler may do besides returning its result.
class ServeRequest
{
public:
    virtual ~ServeRequest() = default;
    /// Sends a progress line. False once the window asked to cancel this request: the handler
    /// should stop (the core's progress callbacks return it).
    virtual bool progress(const std::string &stage, int64_t done, int64_t total) = 0;
    virtual bool cancelled() const = 0;
};

/// A handler returns the result object or throws; the exception's text is the error reply.
using ServeHandler = std::function<nlohmann::json(const nlohmann::json &args, ServeRequest &request)>;

/// Runs until end of input. Returns the exit code (0, or 1 when the protocol's output broke).
int serveRequests(const std::map<std::string, ServeHandler> &handlers);

} // namespace App
