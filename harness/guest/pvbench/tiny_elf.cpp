// SPDX-License-Identifier: GPL-2.0
#include "tiny_elf.hpp"

#include <elf.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pvbench {

std::vector<unsigned char> tiny_elf_image()
{
	// xor edi, edi; mov eax, 60 (exit); syscall
	static const unsigned char code[] = {0x31, 0xff, 0xb8, 0x3c, 0x00, 0x00, 0x00, 0x0f, 0x05};
	constexpr Elf64_Addr base = 0x400000;
	constexpr std::size_t headers = sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr);
	constexpr std::size_t size = headers + sizeof(code);

	Elf64_Ehdr eh{};
	std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_ident[EI_OSABI] = ELFOSABI_SYSV;
	eh.e_type = ET_EXEC;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_entry = base + headers;
	eh.e_phoff = sizeof(Elf64_Ehdr);
	eh.e_ehsize = sizeof(Elf64_Ehdr);
	eh.e_phentsize = sizeof(Elf64_Phdr);
	eh.e_phnum = 1;

	Elf64_Phdr ph{};
	ph.p_type = PT_LOAD;
	ph.p_flags = PF_R | PF_X;
	ph.p_offset = 0;
	ph.p_vaddr = base;
	ph.p_paddr = base;
	ph.p_filesz = size;
	ph.p_memsz = size;
	ph.p_align = 0x1000;

	std::vector<unsigned char> image(size);
	std::memcpy(image.data(), &eh, sizeof(eh));
	std::memcpy(image.data() + sizeof(eh), &ph, sizeof(ph));
	std::memcpy(image.data() + headers, code, sizeof(code));
	return image;
}

int write_tiny_elf(const std::string &path)
{
	auto image = tiny_elf_image();
	::unlink(path.c_str());
	int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (fd < 0)
		return errno;
	ssize_t n = ::write(fd, image.data(), image.size());
	int err = n == static_cast<ssize_t>(image.size()) ? 0 : (n < 0 ? errno : EIO);
	if (::close(fd) != 0 && !err)
		err = errno;
	return err;
}

} // namespace pvbench
