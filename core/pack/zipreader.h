// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The zip container of torch.save files (PARAMETER_GOLF.md §5.2), read from memory without
// libtorch: torch.save writes one root folder ("archive/" or the file's stem) holding data.pkl,
// byteorder, version and data/<key> storages, stored uncompressed and 64-byte aligned.
//
// Why our own reader: libtorch 1.13's PyTorchStreamReader reports every defect as a c10::Error,
// which records a C++ backtrace when it is made (milliseconds per bad file, the bulk of a fuzzing
// run's time), and it leaks its directory when its constructor throws. This one reads only what
// the APPNOTE describes and checks every offset against the buffer before touching it.
//
// Accepted: stored (method 0) and deflated (method 8) entries, zip64 sizes and offsets, one
// disk, no encryption. Each entry's CRC-32 is checked when it is read. Entry names must share one
// root folder; records are named without it, as PyTorchStreamReader names them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace Core {

class ZipReader
{
public:
    /// Indexes the archive in `bytes`, which must outlive the reader. Throws Core::FormatError
    /// (the detail, without a file name) for anything that is not a readable single-disk zip
    /// with one root folder.
    explicit ZipReader(std::string_view bytes);

    /// The root folder's name ("archive" for files torch.save wrote to a path named archive.pt).
    const std::string &root() const { return root_; }

    /// Record names below the root, in the order of the central directory.
    std::vector<std::string> records() const;
    bool has(const std::string &record) const;

    /// The record's bytes, inflated and CRC-checked; throws FormatError for a missing record, a
    /// local header that disagrees with the directory, a bad checksum or a corrupt stream.
    std::string read(const std::string &record) const;

    /// Its uncompressed size as the directory states it (not yet verified).
    uint64_t size(const std::string &record) const;

private:
    struct Entry
    {
        std::string record; // the name below the root folder
        uint16_t method = 0;
        uint32_t crc = 0;
        uint64_t packedSize = 0;
        uint64_t size = 0;
        uint64_t localHeader = 0;
    };
    const Entry *lookup(const std::string &record) const;
    const Entry &find(const std::string &record) const;

    std::string_view bytes_;
    std::string root_;
    std::vector<Entry> entries_; // in directory order
    std::vector<size_t> byName_; // indices into entries_, sorted by record
};

} // namespace Core
