#pragma once
// Companies and schools are entities, not typed strings (F2): a position names a CompanyId, so
// "ソニー", "索尼" and "Sony" are one company, and the employer shield can follow its parent and
// affiliates.

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace enishi::organizations {

// An organisation's name in several languages, with the reading of the Japanese or Chinese form.
// At least one of the three is set.
struct OrganizationNames {
  std::string ja;
  std::string zh;  // Simplified Chinese.
  std::string en;
  std::string reading;  // Kana or pinyin.
  friend bool operator==(const OrganizationNames&, const OrganizationNames&) = default;
};

struct Company {
  CompanyId id;
  OrganizationNames names;
  // Email domains proven to belong to the company ("sony.co.jp"); a member who verifies a work
  // email at one of them is affiliated with the company.
  std::vector<std::string> domains;
  CompanyId parent;  // Invalid when none.
  std::vector<CompanyId> affiliates;  // Symmetric: each side lists the other.
  Timestamp created_at;
  friend bool operator==(const Company&, const Company&) = default;
};

struct School {
  SchoolId id;
  OrganizationNames names;
  std::string country;  // ISO 3166-1 alpha-2.
  Timestamp created_at;
  friend bool operator==(const School&, const School&) = default;
};

}  // namespace enishi::organizations
