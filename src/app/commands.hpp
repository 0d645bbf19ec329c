#pragma once
// The subcommands of `enishi`. Each returns the process exit code.
// wiring.cpp is the only place that names concrete implementations.

#include <cstdint>
#include <string>

#include "app/config.hpp"

namespace enishi::app {

struct DemoOptions {
  uint64_t seed = 20261122;
  int people = 200;
};

struct OutboxOptions {
  bool json = false;
  int limit = 50;
};

// `enishi admin company`: find companies, and set what the employer shield follows.
struct CompanyAdminOptions {
  std::string search;         // Print companies whose name starts with this.
  std::string id;             // The company to change.
  std::string add_domain;     // An email domain the company has proven it owns.
  std::string parent;         // Its parent company's id.
  std::string add_affiliate;  // An affiliated company's id.
};

void ApplyLogLevel(const Config& config);

int Serve(const Config& config);
int RunMigrations(const Config& config);
int LoadDemo(const Config& config, const DemoOptions& options);
int PrintOutbox(const Config& config, const OutboxOptions& options);
int AdministerCompany(const Config& config, const CompanyAdminOptions& options);

}  // namespace enishi::app
