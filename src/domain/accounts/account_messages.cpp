#include "domain/accounts/account_messages.hpp"

#include <array>
#include <string>

namespace enishi::accounts {
namespace {

// {code}, {minutes} and {login} are replaced when a message is composed.
struct Template {
  AccountMessage message;
  std::string_view locale;
  std::string_view subject;
  std::string_view body;
};

constexpr std::array kTemplates = {
    Template{AccountMessage::kSignupCode, "en", "Your Enishi sign-up code",
             "Your Enishi code is {code}. It is valid for {minutes} minutes.\n"
             "If you did not try to sign up, you can ignore this message."},
    Template{AccountMessage::kSignupCode, "ja", "Enishi 登録確認コード",
             "Enishi の確認コードは {code} です。有効期限は {minutes} 分です。\n"
             "お心当たりのない場合は、このメッセージを破棄してください。"},
    Template{AccountMessage::kSignupCode, "zh-Hans", "Enishi 注册验证码",
             "您的 Enishi 验证码是 {code}，{minutes} 分钟内有效。\n"
             "如果这不是您本人的操作，请忽略此消息。"},

    Template{AccountMessage::kSignupOnExistingLogin, "en",
             "A sign-up attempt used your Enishi login",
             "Someone tried to sign up for Enishi with {login}, which already has an account.\n"
             "If it was you, log in instead, or reset your password if you have forgotten it.\n"
             "If it was not you, you can ignore this message: your account has not changed."},
    Template{AccountMessage::kSignupOnExistingLogin, "ja",
             "ご登録済みの宛先で新規登録が試みられました",
             "{login} で Enishi の新規登録が試みられましたが、"
             "この宛先はすでに登録されています。\n"
             "ご本人の場合は、そのままログインしてください。"
             "パスワードをお忘れの場合は再設定してください。\n"
             "お心当たりのない場合は、このメッセージを破棄してください。"
             "アカウントに変更はありません。"},
    Template{AccountMessage::kSignupOnExistingLogin, "zh-Hans", "有人尝试用您的账号信息注册",
             "有人尝试使用 {login} 注册 Enishi，但该邮箱或手机号已有账号。\n"
             "如果是您本人，请直接登录；如果忘记了密码，请重置密码。\n"
             "如果不是您本人，请忽略此消息，您的账号没有任何变化。"},

    Template{AccountMessage::kPasswordChanged, "en", "Your Enishi password was changed",
             "The password of your Enishi account {login} was changed, and every other device "
             "was logged out.\n"
             "If you did not do this, reset your password right away."},
    Template{AccountMessage::kPasswordChanged, "ja", "Enishi のパスワードが変更されました",
             "Enishi アカウント {login} のパスワードが変更され、"
             "ほかのすべての端末からログアウトしました。\n"
             "お心当たりのない場合は、すぐにパスワードを再設定してください。"},
    Template{AccountMessage::kPasswordChanged, "zh-Hans", "您的 Enishi 密码已更改",
             "您的 Enishi 账号 {login} 的密码已更改，其他所有设备均已退出登录。\n"
             "如果这不是您本人的操作，请立即重置密码。"},
};

const Template& Find(AccountMessage message, std::string_view locale) {
  const Template* english = nullptr;
  for (const Template& entry : kTemplates) {
    if (entry.message != message) continue;
    if (entry.locale == locale) return entry;
    if (entry.locale == "en") english = &entry;
  }
  return *english;  // Every message has an English text.
}

std::string Fill(std::string_view text, std::string_view login, const MessageParams& params) {
  std::string out;
  while (!text.empty()) {
    size_t open = text.find('{');
    size_t close = text.find('}', open);
    if (open == text.npos || close == text.npos) break;
    out += text.substr(0, open);
    std::string_view name = text.substr(open + 1, close - open - 1);
    if (name == "code") {
      out += params.code;
    } else if (name == "minutes") {
      out += std::to_string(params.code_ttl.count());
    } else if (name == "login") {
      out += login;
    }
    text.remove_prefix(close + 1);
  }
  out += text;
  return out;
}

}  // namespace

mail::Message ComposeMessage(AccountMessage message, std::string_view locale,
                             std::string_view login, LoginKind kind, const MessageParams& params,
                             Timestamp now) {
  const Template& entry = Find(message, locale);
  mail::Message out;
  out.channel = kind == LoginKind::kPhone ? mail::Channel::kSms : mail::Channel::kEmail;
  out.to = std::string(login);
  out.subject = std::string(entry.subject);
  out.body = Fill(entry.body, login, params);
  out.created_at = now;
  return out;
}

}  // namespace enishi::accounts
