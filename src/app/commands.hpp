#pragma once
// The subcommands of `enishi`. Each returns the process exit code.
// wiring.cpp is the only place that names concrete implementations.

#include <cstdint>

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

void ApplyLogLevel(const Config& config);

int Serve(const Config& config);
int RunMigrations(const Config& config);
int LoadDemo(const Config& config, const DemoOptions& options);
int PrintOutbox(const Config& config, const OutboxOptions& options);

}  // namespace enishi::app
