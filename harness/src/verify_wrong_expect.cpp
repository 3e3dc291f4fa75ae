// SPDX-License-Identifier: GPL-2.0
#include <map>
#include <ostream>
#include <set>

#include "verify.hpp"

namespace pvh {

int verify_wrong_expect(const nlohmann::json &result, const std::string &told, std::ostream &out,
			std::ostream &err)
{
	// On bare metal, the cases whose view differs from the environment told.
	const std::set<std::string> common = {"hypervisor_type_test", "xen_domain_type_test",
					      "xen_cpuid_signature_test", "paravirt_banner_test"};
	const std::map<std::string, std::string> own = {{"xen-pv", "xenpv_feature_test"},
							{"xen-pvh", "xen_pvh_test"}};
	auto it = own.find(told);
	if (it == own.end()) {
		err << "pvharness: error: --wrong-expect " << told
		    << ": want xen-pv or xen-pvh (a native boot told it ran there)\n";
		return 2;
	}
	std::set<std::string> want_fail = common;
	want_fail.insert(it->second);
	nlohmann::json cases =
		result.at("kunit").at("suites").value("x86_hypervisor", nlohmann::json::object());
	out << told << " " << py_repr(cases) << "\n";
	std::vector<std::string> errors;
	if (cases.size() != 6)
		errors.push_back("want 6 cases, got " + std::to_string(cases.size()));
	std::set<std::string> got_fail;
	for (const auto &[c, s] : cases.items())
		if (s == "FAIL")
			got_fail.insert(c);
	if (got_fail != want_fail) {
		nlohmann::json got(got_fail), want(want_fail);
		errors.push_back("failed " + py_repr(got) + ", want " + py_repr(want));
	}
	for (const auto &[c, s] : cases.items())
		if (!want_fail.count(c) && s != "PASS")
			errors.push_back(c + " is " + s.get<std::string>() + ", want PASS");
	for (const auto &e : errors)
		out << "FAILED: " << e << "\n";
	return errors.empty() ? 0 : 1;
}

} // namespace pvh
