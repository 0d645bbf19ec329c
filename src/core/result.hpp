#pragma once
// Result<T>: a value or an Error, for every call whose failure the caller should handle.
// Member names follow std::expected so that moving to it (C++23) is a rename.

#include <utility>
#include <variant>

#include "core/check.hpp"
#include "core/error.hpp"

namespace enishi {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    ENISHI_CHECK(has_value(), "Result::value() on an error");
    return std::get<0>(state_);
  }
  const T& value() const& {
    ENISHI_CHECK(has_value(), "Result::value() on an error");
    return std::get<0>(state_);
  }
  T&& value() && {
    ENISHI_CHECK(has_value(), "Result::value() on an error");
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    ENISHI_CHECK(!has_value(), "Result::error() on a value");
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit

  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  void value() const { ENISHI_CHECK(ok_, "Result<void>::value() on an error"); }
  const Error& error() const {
    ENISHI_CHECK(!ok_, "Result::error() on a value");
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

inline Result<void> Ok() { return {}; }

}  // namespace enishi

// Evaluates `expr` (a Result); on error returns the error from the enclosing function.
// The temporary's name is unique per use, so nested uses (in lambdas) do not shadow.
#define ENISHI_TRY(expr) ENISHI_TRY_IMPL(expr, ENISHI_TRY_CONCAT(enishi_try_, __COUNTER__))
#define ENISHI_TRY_CONCAT(a, b) ENISHI_TRY_CONCAT_IMPL(a, b)
#define ENISHI_TRY_CONCAT_IMPL(a, b) a##b
#define ENISHI_TRY_IMPL(expr, name)       \
  do {                                    \
    auto name = (expr);                   \
    if (!name) return name.error();       \
  } while (false)
