// SPDX-License-Identifier: GPL-2.0
#include "cpio.hpp"

#include <cstdio>

namespace pvh::cpio {

namespace {

// Header and name end on a 4-byte boundary, and so does the data.
void pad4(std::string &out)
{
	out.append((4 - out.size() % 4) % 4, '\0');
}

void append(std::string &out, unsigned long ino, unsigned long mode, unsigned long mtime,
	    const std::string &name, const std::string &data)
{
	char header[111];
	// magic, ino, mode, uid, gid, nlink, mtime, filesize, devmajor,
	// devminor, rdevmajor, rdevminor, namesize, check: 8 hex digits each.
	std::snprintf(header, sizeof header,
		      "070701%08lX%08lX%08X%08X%08lX%08lX%08lX%08X%08X%08X%08X%08lX%08X", ino, mode,
		      0u, 0u, (mode & 0040000) ? 2ul : 1ul, mtime,
		      static_cast<unsigned long>(data.size()), 0u, 0u, 0u, 0u,
		      static_cast<unsigned long>(name.size() + 1), 0u);
	out.append(header, 110);
	out += name;
	out += '\0';
	pad4(out);
	out += data;
	pad4(out);
}

} // namespace

std::string newc(const std::vector<Entry> &entries, unsigned long mtime)
{
	std::string out;
	unsigned long ino = 1;
	for (const auto &e : entries)
		append(out, ino++, (e.dir ? 0040000ul : 0100000ul) | (e.mode & 07777), mtime,
		       e.name, e.dir ? std::string() : e.data);
	append(out, 0, 0, 0, "TRAILER!!!", "");
	return out;
}

std::string concat(std::string first, const std::string &second)
{
	pad4(first);
	return first + second;
}

} // namespace pvh::cpio
