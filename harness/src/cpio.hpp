// SPDX-License-Identifier: GPL-2.0
// A cpio archive in the "newc" format that the kernel's initramfs
// unpacker reads (Documentation/driver-api/early-userspace/buffer-format.rst),
// written in memory. Appended to a gzipped initramfs it adds its files: the
// kernel unpacks one archive after the other.
#pragma once

#include <string>
#include <vector>

namespace pvh::cpio {

struct Entry {
	std::string name;  // without the leading '/': "domu/bzImage"
	unsigned mode = 0; // permission bits; a directory when data is empty and dir
	bool dir = false;
	std::string data;
};

// The archive with entries in the given order, then the trailer. Every
// entry is owned by 0:0, has mtime, and its own inode number.
std::string newc(const std::vector<Entry> &entries, unsigned long mtime);

// first, padded to the 4-byte boundary from which the kernel reads an
// archive that follows a compressed one, then second.
std::string concat(std::string first, const std::string &second);

} // namespace pvh::cpio
