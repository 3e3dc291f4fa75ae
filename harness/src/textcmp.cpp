// SPDX-License-Identifier: GPL-2.0
#include "textcmp.hpp"

#include <elf.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <set>
#include <system_error>

#include "console.hpp"

namespace pvh::textcmp {
namespace fs = std::filesystem;

namespace {

// Reads a T at offset `at` of `data`; false when it lies outside.
template <typename T> bool read_at(const std::string &data, std::uint64_t at, T &out)
{
	if (at > data.size() || data.size() - at < sizeof(T))
		return false;
	std::memcpy(&out, data.data() + at, sizeof(T));
	return true;
}

template <typename Ehdr, typename Shdr>
std::optional<std::map<std::string, std::string>> sections_of(const std::string &data,
							      std::string &error)
{
	Ehdr eh;
	if (!read_at(data, 0, eh) || eh.e_shentsize != sizeof(Shdr)) {
		error = "a truncated ELF header";
		return std::nullopt;
	}
	std::map<std::string, std::string> out;
	if (eh.e_shoff == 0)
		return out; // no section table, no code
	Shdr first;
	if (!read_at(data, eh.e_shoff, first)) {
		error = "the section table lies outside the file";
		return std::nullopt;
	}
	// More than SHN_LORESERVE sections: the count and the name table's
	// index are kept in section 0.
	std::uint64_t count = eh.e_shnum ? eh.e_shnum : first.sh_size;
	std::uint64_t names_at = eh.e_shstrndx == SHN_XINDEX ? first.sh_link : eh.e_shstrndx;
	std::vector<Shdr> table(count);
	for (std::uint64_t i = 0; i < count; ++i)
		if (!read_at(data, eh.e_shoff + i * sizeof(Shdr), table[i])) {
			error = "the section table lies outside the file";
			return std::nullopt;
		}
	if (names_at >= count) {
		error = "no section name table";
		return std::nullopt;
	}
	const Shdr &names = table[names_at];
	if (names.sh_offset > data.size() || data.size() - names.sh_offset < names.sh_size) {
		error = "the section name table lies outside the file";
		return std::nullopt;
	}
	std::string_view strtab(data.data() + names.sh_offset, names.sh_size);
	for (const Shdr &s : table) {
		if (!(s.sh_flags & SHF_EXECINSTR))
			continue;
		if (s.sh_name >= strtab.size()) {
			error = "a section name outside the name table";
			return std::nullopt;
		}
		std::string_view rest = strtab.substr(s.sh_name);
		std::string name(rest.substr(0, rest.find('\0')));
		std::string &bytes = out[name];
		if (s.sh_type == SHT_NOBITS)
			continue;
		if (s.sh_offset > data.size() || data.size() - s.sh_offset < s.sh_size) {
			error = "section " + name + " lies outside the file";
			return std::nullopt;
		}
		bytes.append(data, s.sh_offset, s.sh_size);
	}
	return out;
}

std::set<std::string> objects(const std::string &top)
{
	std::set<std::string> found;
	std::error_code ec;
	for (fs::recursive_directory_iterator
		     it(top, fs::directory_options::skip_permission_denied, ec),
	     end;
	     it != end; it.increment(ec)) {
		if (ec)
			break;
		std::string fn = it->path().filename().string();
		if (fn.size() < 3 || !fn.ends_with(".o") || fn == "vmlinux.o" ||
		    fn.starts_with("built-in"))
			continue;
		if (!it->is_regular_file(ec))
			continue;
		found.insert(fs::relative(it->path(), top).string());
	}
	return found;
}

std::size_t code_bytes(const std::map<std::string, std::string> &sections)
{
	std::size_t n = 0;
	for (const auto &[name, bytes] : sections)
		n += bytes.size();
	return n;
}

} // namespace

std::optional<std::map<std::string, std::string>> exec_sections(const std::string &path,
								std::string &error)
{
	std::string data;
	if (!read_file(path, data)) {
		error = "cannot read " + path + ": " + std::strerror(errno);
		return std::nullopt;
	}
	std::optional<std::map<std::string, std::string>> out;
	if (data.size() < EI_NIDENT || std::memcmp(data.data(), ELFMAG, SELFMAG) != 0)
		error = "not an ELF file";
	else if (data[EI_DATA] != ELFDATA2LSB)
		error = "not a little-endian ELF file";
	else if (data[EI_CLASS] == ELFCLASS64)
		out = sections_of<Elf64_Ehdr, Elf64_Shdr>(data, error);
	else if (data[EI_CLASS] == ELFCLASS32)
		out = sections_of<Elf32_Ehdr, Elf32_Shdr>(data, error);
	else
		error = "an ELF file of unknown class";
	if (!out)
		error = path + ": " + error;
	return out;
}

int compare(const std::string &base, const std::string &full, std::ostream &out, std::string &error)
{
	for (const auto &d : {base, full}) {
		std::error_code ec;
		if (!fs::is_directory(d, ec)) {
			error = "no build directory " + d;
			return 2;
		}
	}
	std::set<std::string> b = objects(base), f = objects(full);
	std::vector<std::string> one_side, both;
	std::set_symmetric_difference(b.begin(), b.end(), f.begin(), f.end(),
				      std::back_inserter(one_side));
	std::set_intersection(b.begin(), b.end(), f.begin(), f.end(), std::back_inserter(both));
	for (const auto &rel : one_side) {
		bool in_base = b.count(rel) > 0;
		auto code = exec_sections((fs::path(in_base ? base : full) / rel).string(), error);
		if (!code)
			return 2;
		out << "only in " << (in_base ? "base" : "full") << ": " << rel << " ("
		    << code_bytes(*code) << " bytes of code)\n";
	}
	int differ = 0;
	for (const auto &rel : both) {
		auto cb = exec_sections((fs::path(base) / rel).string(), error);
		if (!cb)
			return 2;
		auto cf = exec_sections((fs::path(full) / rel).string(), error);
		if (!cf)
			return 2;
		if (*cb == *cf)
			continue;
		++differ;
		std::set<std::string> names;
		for (const auto *m : {&*cb, &*cf})
			for (const auto &[name, bytes] : *m)
				names.insert(name);
		std::string secs;
		for (const auto &name : names) {
			auto x = cb->find(name), y = cf->find(name);
			if (x == cb->end() || y == cf->end() || x->second != y->second)
				secs += (secs.empty() ? "" : " ") + name;
		}
		out << "code differs: " << rel << " (" << secs << ")\n";
	}
	out << both.size() << " objects in both builds, " << differ << " with different code\n";
	return differ ? 1 : 0;
}

} // namespace pvh::textcmp
