// SPDX-License-Identifier: GPL-2.0
// pvharness cost: what hypercall accounting costs, judged from the
// reports of scripts/hcstats-cost.sh's boots (cost.hpp).
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "cost.hpp"
#include "cost_seen.hpp"

namespace pvh {

Command add_cost_command(CLI::App &app)
{
	struct Args {
		std::vector<std::string> base, off, placebo, on, on_off, events, events_off,
			xentrace;
		std::vector<std::string> seen_accounting, seen_events;
		std::string code, placebo_code, layout;
	};
	auto args = std::make_shared<Args>();
	CLI::App *sub = app.add_subcommand(
		"cost", "judge what hypercall accounting costs from deterministic pvharness "
			"reports (report.json), one per boot: off against base against the "
			"placebo (target 0.1%), on against off (target 2% under Xen); exit 1 "
			"when a target is missed");
	sub->add_option("--base", args->base, "boots of the kernel without accounting")->required();
	sub->add_option("--off", args->off, "boots of the kernel with it compiled in, off")
		->required();
	sub->add_option("--placebo", args->placebo,
			"boots of the base kernel with as much code as accounting adds, "
			"never called");
	sub->add_option("--on", args->on, "boots of the full kernel with accounting on");
	sub->add_option("--on-off", args->on_off,
			"boots of the full kernel booted as the --on boots, with "
			"xen_hypercall_stats=off");
	sub->add_option("--events", args->events,
			"boots of the full kernel built with trace events, booted with "
			"trace_event=xen:* (shown, not judged)");
	sub->add_option("--events-off", args->events_off,
			"boots of that kernel booted as the --events boots, without "
			"trace_event=");
	sub->add_option("--xentrace", args->xentrace,
			"boots of the full kernel booted as the --on-off boots, as a Xen "
			"dom0 with xentrace recording while the benchmarks run (shown, not "
			"judged)");
	sub->add_option("--seen-accounting", args->seen_accounting,
			"console logs (r1/<column>/serial.log) of boots that counted "
			"hypercalls: what the accounting saw of the init's workload");
	sub->add_option("--seen-events", args->seen_events,
			"console logs of boots with trace_event=xen:*: what the xen trace "
			"events saw of the same workload");
	sub->add_option("--code", args->code, "pvharness textcmp's output for base and full");
	sub->add_option("--placebo-code", args->placebo_code,
			"pvharness textcmp's output for base and the placebo");
	sub->add_option("--layout", args->layout, "one line on where the kernels place their code");
	return {sub, [args] {
			if (args->on.empty() != args->on_off.empty())
				return fail("cost: --on and --on-off go together", 2);
			if (args->events.empty() != args->events_off.empty())
				return fail("cost: --events and --events-off go together", 2);
			if (!args->xentrace.empty() && args->on_off.empty())
				return fail(
					"cost: --xentrace needs the --on-off boots to compare with",
					2);
			cost::Input in;
			in.code = args->code;
			in.placebo_code = args->placebo_code;
			in.layout = args->layout;
			std::pair<const std::vector<std::string> *, std::vector<cost::Report> *>
				lists[] = {{&args->base, &in.base},
					   {&args->off, &in.off},
					   {&args->placebo, &in.placebo},
					   {&args->on, &in.on},
					   {&args->on_off, &in.on_off},
					   {&args->events, &in.events},
					   {&args->events_off, &in.events_off},
					   {&args->xentrace, &in.xentrace}};
			for (auto [paths, reports] : lists)
				for (const auto &p : *paths) {
					std::string error;
					auto r = cost::read_report(p, error);
					if (!r)
						return fail(error, 2);
					reports->push_back(std::move(*r));
				}
			if (!args->seen_accounting.empty() || !args->seen_events.empty()) {
				std::string error;
				if (!cost::print_seen(args->seen_accounting, args->seen_events,
						      std::cout, error))
					return fail(error, 2);
				std::cout << "\n";
			}
			int rc = cost::judge(in, std::cout);
			std::cout.flush();
			return rc;
		}};
}

} // namespace pvh
