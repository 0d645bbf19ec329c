// enishi: the one binary. Subcommands: serve, migrate, demo, admin, version.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "app/commands.hpp"
#include "app/config.hpp"
#include "core/log.hpp"
#include "crypto/random.hpp"

int main(int argc, char** argv) {
  using namespace enishi;
  CLI::App cli{"Enishi (縁): a professional network for relationship-first cultures", "enishi"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", ENISHI_VERSION);

  CLI::App* serve = cli.add_subcommand("serve", "Run the HTTP server and the web client");
  app::ConfigLoader serve_config(*serve);

  CLI::App* migrate = cli.add_subcommand("migrate", "Apply pending database migrations");
  app::ConfigLoader migrate_config(*migrate, {"store", "log"});

  CLI::App* demo = cli.add_subcommand("demo", "Load the demo members into the store");
  app::ConfigLoader demo_config(*demo, {"store", "accounts", "log"});
  app::DemoOptions demo_options;
  demo->add_option("--seed", demo_options.seed, "Seed of the deterministic dataset")
      ->capture_default_str();
  demo->add_option("--people", demo_options.people, "How many members")->capture_default_str();

  CLI::App* admin = cli.add_subcommand("admin", "Administration");
  admin->require_subcommand(1);
  CLI::App* outbox = admin->add_subcommand(
      "outbox", "Print the local outbox: codes and notices that would be emailed or texted");
  app::ConfigLoader outbox_config(*outbox, {"store", "log"});
  app::OutboxOptions outbox_options;
  outbox->add_flag("--json", outbox_options.json, "One JSON object per line");
  outbox->add_option("--limit", outbox_options.limit, "Newest messages to print")
      ->capture_default_str();

  CLI::App* company = admin->add_subcommand(
      "company", "Find companies; set their email domains, parent and affiliates");
  app::ConfigLoader company_config(*company, {"store", "log"});
  app::CompanyAdminOptions company_options;
  company->add_option("--search", company_options.search, "Print companies whose name starts so");
  company->add_option("--id", company_options.id, "The company to change");
  company->add_option("--add-domain", company_options.add_domain,
                      "An email domain the company has proven it owns (verifies work emails)");
  company->add_option("--parent", company_options.parent, "The id of its parent company");
  company->add_option("--add-affiliate", company_options.add_affiliate,
                      "The id of an affiliated company");

  CLI11_PARSE(cli, argc, argv);

  if (auto initialized = crypto::Initialize(); !initialized) {
    log::Error("startup_failed", {{"error", initialized.error().message}});
    return 1;
  }

  auto run = [](const app::ConfigLoader& loader, auto command) -> int {
    auto config = loader.Resolve();
    if (!config) {
      std::fprintf(stderr, "enishi: %s\n", config.error().message.c_str());
      return 2;
    }
    app::ApplyLogLevel(*config);
    return command(*config);
  };
  if (serve->parsed()) return run(serve_config, app::Serve);
  if (migrate->parsed()) return run(migrate_config, app::RunMigrations);
  if (demo->parsed()) {
    return run(demo_config, [&](const app::Config& c) { return app::LoadDemo(c, demo_options); });
  }
  if (outbox->parsed()) {
    return run(outbox_config,
               [&](const app::Config& c) { return app::PrintOutbox(c, outbox_options); });
  }
  if (company->parsed()) {
    return run(company_config,
               [&](const app::Config& c) { return app::AdministerCompany(c, company_options); });
  }
  return 2;
}
