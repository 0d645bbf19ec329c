#include "app/config.hpp"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace enishi::app {
namespace {

// Parses `args` as flags of a command with every option, then resolves the configuration.
Result<Config> Load(std::vector<std::string> args) {
  CLI::App command{"test"};
  ConfigLoader loader(command);
  std::vector<const char*> argv = {"enishi"};
  for (const auto& arg : args) argv.push_back(arg.c_str());
  command.parse(static_cast<int>(argv.size()), argv.data());
  return loader.Resolve();
}

class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
  ~ScopedEnv() { unsetenv(name_); }

 private:
  const char* name_;
};

std::string WriteFile(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

TEST(Config, DefaultsListenOnLoopbackWithSqliteUnderData) {
  auto config = Load({});
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->listen, "127.0.0.1:8080");
  EXPECT_EQ(config->store_url, "sqlite:data/enishi.db");
  EXPECT_EQ(config->max_body_bytes, 1024 * 1024);
  EXPECT_EQ(config->max_header_bytes, 16 * 1024);
}

TEST(Config, FileThenEnvironmentThenFlagsInRisingPrecedence) {
  std::string file = WriteFile("enishi_config_test.toml",
                               "[server]\nlisten = \"127.0.0.1:9000\"\nthreads = 3\n"
                               "trusted_proxies = [\"10.0.0.0/8\", \"127.0.0.1\"]\n"
                               "[store]\nurl = \"sqlite:/tmp/from-file.db\"\n");
  {
    auto config = Load({"--config", file});
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->listen, "127.0.0.1:9000");
    EXPECT_EQ(config->threads, 3);
    EXPECT_EQ(config->trusted_proxies, (std::vector<std::string>{"10.0.0.0/8", "127.0.0.1"}));
  }
  ScopedEnv env("ENISHI_SERVER_LISTEN", "127.0.0.1:9100");
  {
    auto config = Load({"--config", file});
    ASSERT_TRUE(config);
    EXPECT_EQ(config->listen, "127.0.0.1:9100");
    EXPECT_EQ(config->store_url, "sqlite:/tmp/from-file.db");
  }
  auto config = Load({"--config", file, "--listen", "127.0.0.1:9200"});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->listen, "127.0.0.1:9200");
}

TEST(Config, ConfigFileFromEnvironment) {
  std::string file = WriteFile("enishi_config_env.toml", "[log]\nlevel = \"warn\"\n");
  ScopedEnv env("ENISHI_CONFIG", file.c_str());
  auto config = Load({});
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->log_level, "warn");
}

TEST(Config, UnknownFileKeyIsRefusedByName) {
  std::string file = WriteFile("enishi_config_typo.toml", "[server]\nlisen = \"x\"\n");
  auto config = Load({"--config", file});
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("server.lisen"), std::string::npos);
}

TEST(Config, MalformedValuesNameTheOptionAndSource) {
  ScopedEnv env("ENISHI_LIMITS_MAX_BODY_BYTES", "lots");
  auto config = Load({});
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().field, "limits.max_body_bytes");
  EXPECT_NE(config.error().message.find("ENISHI_LIMITS_MAX_BODY_BYTES"), std::string::npos);
}

TEST(Config, OutOfRangeAndWrongTypesAreRefused) {
  EXPECT_FALSE(Load({"--threads", "-1"}));
  EXPECT_FALSE(Load({"--pipeline-depth", "0"}));
  EXPECT_FALSE(Load({"--log-level", "chatty"}));
  std::string file = WriteFile("enishi_config_type.toml", "[server]\nthreads = \"four\"\n");
  EXPECT_FALSE(Load({"--config", file}));
  std::string broken = WriteFile("enishi_config_broken.toml", "[server\n");
  EXPECT_FALSE(Load({"--config", broken}));
}

TEST(Config, ProfileCopiesAreALimitOfTheirOwn) {
  EXPECT_EQ(Load({})->profile_copies, profiles::kDefaultCachedProfiles);
  EXPECT_EQ(Load({"--profile-copies", "0"})->profile_copies, 0u);
  ScopedEnv env("ENISHI_LIMITS_PROFILE_COPIES", "50000");
  EXPECT_EQ(Load({})->profile_copies, 50000u);
  EXPECT_FALSE(Load({"--profile-copies", "-1"}));
}

TEST(Config, TlsNeedsBothFiles) {
  auto config = Load({"--tls-certificate", "/etc/cert.pem"});
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().field, "server.tls_certificate");
}

TEST(Config, HelpListsEveryOptionWithItsDefault) {
  CLI::App command{"test"};
  ConfigLoader loader(command);
  std::string help = command.help();
  for (const char* expected : {"--listen", "127.0.0.1:8080", "--store", "sqlite:data/enishi.db",
                               "--max-body-bytes", "1048576", "ENISHI_SERVER_LISTEN"}) {
    EXPECT_NE(help.find(expected), std::string::npos) << expected;
  }
}

}  // namespace
}  // namespace enishi::app
