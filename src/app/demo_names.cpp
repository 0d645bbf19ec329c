#include <string>
#include <string_view>

#include "app/demo_data.hpp"
#include "app/demo_internal.hpp"

namespace enishi::demo::internal {
namespace {

// Common Japanese family names with their usual reading. Long vowels are dropped in the Latin
// form, as on Japanese passports (さとう → Sato, おおた → Ota).
// clang-format off
constexpr NamePart kJaFamily[] = {
    {"佐藤", "さとう", "Sato"},         {"鈴木", "すずき", "Suzuki"},
    {"高橋", "たかはし", "Takahashi"},  {"田中", "たなか", "Tanaka"},
    {"伊藤", "いとう", "Ito"},          {"渡辺", "わたなべ", "Watanabe"},
    {"山本", "やまもと", "Yamamoto"},   {"中村", "なかむら", "Nakamura"},
    {"小林", "こばやし", "Kobayashi"},  {"加藤", "かとう", "Kato"},
    {"吉田", "よしだ", "Yoshida"},      {"山田", "やまだ", "Yamada"},
    {"佐々木", "ささき", "Sasaki"},     {"山口", "やまぐち", "Yamaguchi"},
    {"松本", "まつもと", "Matsumoto"},  {"井上", "いのうえ", "Inoue"},
    {"木村", "きむら", "Kimura"},       {"林", "はやし", "Hayashi"},
    {"斎藤", "さいとう", "Saito"},      {"清水", "しみず", "Shimizu"},
    {"山崎", "やまざき", "Yamazaki"},   {"森", "もり", "Mori"},
    {"池田", "いけだ", "Ikeda"},        {"橋本", "はしもと", "Hashimoto"},
    {"阿部", "あべ", "Abe"},            {"石川", "いしかわ", "Ishikawa"},
    {"前田", "まえだ", "Maeda"},        {"藤田", "ふじた", "Fujita"},
    {"小川", "おがわ", "Ogawa"},        {"岡田", "おかだ", "Okada"},
    {"長谷川", "はせがわ", "Hasegawa"}, {"村上", "むらかみ", "Murakami"},
    {"近藤", "こんどう", "Kondo"},      {"石井", "いしい", "Ishii"},
    {"坂本", "さかもと", "Sakamoto"},   {"遠藤", "えんどう", "Endo"},
    {"青木", "あおき", "Aoki"},         {"藤井", "ふじい", "Fujii"},
    {"西村", "にしむら", "Nishimura"},  {"福田", "ふくだ", "Fukuda"},
    {"太田", "おおた", "Ota"},          {"三浦", "みうら", "Miura"},
    {"藤原", "ふじわら", "Fujiwara"},   {"岡本", "おかもと", "Okamoto"},
    {"中島", "なかじま", "Nakajima"},   {"小野", "おの", "Ono"},
    {"竹内", "たけうち", "Takeuchi"},   {"金子", "かねこ", "Kaneko"},
    {"和田", "わだ", "Wada"},           {"上田", "うえだ", "Ueda"},
    {"工藤", "くどう", "Kudo"},         {"宮崎", "みやざき", "Miyazaki"},
    {"安藤", "あんどう", "Ando"},       {"大塚", "おおつか", "Otsuka"},
    {"千葉", "ちば", "Chiba"},          {"桜井", "さくらい", "Sakurai"},
    {"野口", "のぐち", "Noguchi"},      {"菊地", "きくち", "Kikuchi"},
};
// clang-format on

// clang-format off
constexpr NamePart kJaGiven[] = {
    {"陽菜", "はるな", "Haruna"},      {"結衣", "ゆい", "Yui"},
    {"美咲", "みさき", "Misaki"},      {"さくら", "さくら", "Sakura"},
    {"葵", "あおい", "Aoi"},           {"芽衣", "めい", "Mei"},
    {"真由美", "まゆみ", "Mayumi"},    {"恵", "めぐみ", "Megumi"},
    {"由美子", "ゆみこ", "Yumiko"},    {"裕子", "ゆうこ", "Yuko"},
    {"直子", "なおこ", "Naoko"},       {"彩", "あや", "Aya"},
    {"千尋", "ちひろ", "Chihiro"},     {"美穂", "みほ", "Miho"},
    {"香織", "かおり", "Kaori"},       {"智子", "ともこ", "Tomoko"},
    {"麻衣", "まい", "Mai"},           {"沙織", "さおり", "Saori"},
    {"遥", "はるか", "Haruka"},        {"彩花", "あやか", "Ayaka"},
    {"瑞希", "みずき", "Mizuki"},      {"理恵", "りえ", "Rie"},
    {"真理子", "まりこ", "Mariko"},    {"奈央", "なお", "Nao"},
    {"翔太", "しょうた", "Shota"},     {"大輔", "だいすけ", "Daisuke"},
    {"拓也", "たくや", "Takuya"},      {"健太", "けんた", "Kenta"},
    {"蓮", "れん", "Ren"},             {"陽翔", "はると", "Haruto"},
    {"悠真", "ゆうま", "Yuma"},        {"湊", "みなと", "Minato"},
    {"誠", "まこと", "Makoto"},        {"浩", "ひろし", "Hiroshi"},
    {"健二", "けんじ", "Kenji"},       {"隆", "たかし", "Takashi"},
    {"直樹", "なおき", "Naoki"},       {"和也", "かずや", "Kazuya"},
    {"雄一", "ゆういち", "Yuichi"},    {"哲也", "てつや", "Tetsuya"},
    {"大樹", "だいき", "Daiki"},       {"亮", "りょう", "Ryo"},
    {"涼介", "りょうすけ", "Ryosuke"}, {"康介", "こうすけ", "Kosuke"},
    {"聡", "さとし", "Satoshi"},       {"秀樹", "ひでき", "Hideki"},
    {"翼", "つばさ", "Tsubasa"},       {"悠斗", "ゆうと", "Yuto"},
    {"颯太", "そうた", "Sota"},        {"海斗", "かいと", "Kaito"},
    {"慎也", "しんや", "Shinya"},
};
// clang-format on

// Common Chinese surnames, one compound (欧阳).
// clang-format off
constexpr NamePart kZhFamily[] = {
    {"王", "Wáng", "Wang"},       {"李", "Lǐ", "Li"},       {"张", "Zhāng", "Zhang"},
    {"刘", "Liú", "Liu"},         {"陈", "Chén", "Chen"},   {"杨", "Yáng", "Yang"},
    {"黄", "Huáng", "Huang"},     {"赵", "Zhào", "Zhao"},   {"吴", "Wú", "Wu"},
    {"周", "Zhōu", "Zhou"},       {"徐", "Xú", "Xu"},       {"孙", "Sūn", "Sun"},
    {"马", "Mǎ", "Ma"},           {"朱", "Zhū", "Zhu"},     {"胡", "Hú", "Hu"},
    {"郭", "Guō", "Guo"},         {"何", "Hé", "He"},       {"林", "Lín", "Lin"},
    {"高", "Gāo", "Gao"},         {"罗", "Luó", "Luo"},     {"郑", "Zhèng", "Zheng"},
    {"梁", "Liáng", "Liang"},     {"谢", "Xiè", "Xie"},     {"宋", "Sòng", "Song"},
    {"唐", "Táng", "Tang"},       {"许", "Xǔ", "Xu"},       {"韩", "Hán", "Han"},
    {"冯", "Féng", "Feng"},       {"邓", "Dèng", "Deng"},   {"曹", "Cáo", "Cao"},
    {"彭", "Péng", "Peng"},       {"曾", "Zēng", "Zeng"},   {"肖", "Xiāo", "Xiao"},
    {"田", "Tián", "Tian"},       {"董", "Dǒng", "Dong"},   {"袁", "Yuán", "Yuan"},
    {"潘", "Pān", "Pan"},         {"蒋", "Jiǎng", "Jiang"}, {"蔡", "Cài", "Cai"},
    {"杜", "Dù", "Du"},           {"叶", "Yè", "Ye"},       {"程", "Chéng", "Cheng"},
    {"魏", "Wèi", "Wei"},         {"苏", "Sū", "Su"},       {"沈", "Shěn", "Shen"},
    {"欧阳", "Ōuyáng", "Ouyang"},
};
// clang-format on

// clang-format off
constexpr NamePart kZhGiven[] = {
    {"伟", "Wěi", "Wei"},             {"芳", "Fāng", "Fang"},
    {"娜", "Nà", "Na"},               {"秀英", "Xiùyīng", "Xiuying"},
    {"敏", "Mǐn", "Min"},             {"静", "Jìng", "Jing"},
    {"磊", "Lěi", "Lei"},             {"洋", "Yáng", "Yang"},
    {"杰", "Jié", "Jie"},             {"涛", "Tāo", "Tao"},
    {"超", "Chāo", "Chao"},           {"浩然", "Hàorán", "Haoran"},
    {"子涵", "Zǐhán", "Zihan"},       {"欣怡", "Xīnyí", "Xinyi"},
    {"宇轩", "Yǔxuān", "Yuxuan"},     {"思远", "Sīyuǎn", "Siyuan"},
    {"嘉怡", "Jiāyí", "Jiayi"},       {"晓明", "Xiǎomíng", "Xiaoming"},
    {"建华", "Jiànhuá", "Jianhua"},   {"志强", "Zhìqiáng", "Zhiqiang"},
    {"海燕", "Hǎiyàn", "Haiyan"},     {"丽娟", "Lìjuān", "Lijuan"},
    {"俊杰", "Jùnjié", "Junjie"},     {"雨桐", "Yǔtóng", "Yutong"},
    {"佳琪", "Jiāqí", "Jiaqi"},       {"文博", "Wénbó", "Wenbo"},
    {"天宇", "Tiānyǔ", "Tianyu"},     {"晨曦", "Chénxī", "Chenxi"},
    {"诗涵", "Shīhán", "Shihan"},     {"家豪", "Jiāháo", "Jiahao"},
    {"慧敏", "Huìmǐn", "Huimin"},     {"雪梅", "Xuěméi", "Xuemei"},
    {"晓燕", "Xiǎoyàn", "Xiaoyan"},   {"鹏", "Péng", "Peng"},
    {"斌", "Bīn", "Bin"},             {"琳", "Lín", "Lin"},
    {"颖", "Yǐng", "Ying"},           {"倩", "Qiàn", "Qian"},
    {"昊", "Hào", "Hao"},             {"瑶", "Yáo", "Yao"},
    {"凯", "Kǎi", "Kai"},             {"振华", "Zhènhuá", "Zhenhua"},
    {"国栋", "Guódòng", "Guodong"},   {"立新", "Lìxīn", "Lixin"},
    {"红梅", "Hóngméi", "Hongmei"},   {"梦琪", "Mèngqí", "Mengqi"},
    {"思琪", "Sīqí", "Siqi"},         {"嘉欣", "Jiāxīn", "Jiaxin"},
    {"浩宇", "Hàoyǔ", "Haoyu"},       {"博文", "Bówén", "Bowen"},
    {"晓东", "Xiǎodōng", "Xiaodong"}, {"文静", "Wénjìng", "Wenjing"},
    {"逸飞", "Yìfēi", "Yifei"},       {"若曦", "Ruòxī", "Ruoxi"},
    {"一鸣", "Yīmíng", "Yiming"},     {"晓婷", "Xiǎotíng", "Xiaoting"},
    {"雅琴", "Yǎqín", "Yaqin"},
};
// clang-format on

constexpr NamePart kEnFamily[] = {
    {"Smith", "", "Smith"},       {"Johnson", "", "Johnson"},   {"Williams", "", "Williams"},
    {"Brown", "", "Brown"},       {"Miller", "", "Miller"},     {"Davis", "", "Davis"},
    {"Wilson", "", "Wilson"},     {"Anderson", "", "Anderson"}, {"Taylor", "", "Taylor"},
    {"Thompson", "", "Thompson"}, {"Harris", "", "Harris"},     {"Clark", "", "Clark"},
    {"Walker", "", "Walker"},     {"Wright", "", "Wright"},     {"Green", "", "Green"},
    {"Baker", "", "Baker"},       {"Carter", "", "Carter"},     {"Mitchell", "", "Mitchell"},
    {"Roberts", "", "Roberts"},   {"Campbell", "", "Campbell"}, {"Evans", "", "Evans"},
    {"Edwards", "", "Edwards"},   {"Collins", "", "Collins"},   {"Murphy", "", "Murphy"},
    {"Bennett", "", "Bennett"},   {"Hughes", "", "Hughes"},     {"Patel", "", "Patel"},
    {"Garcia", "", "Garcia"},     {"Kim", "", "Kim"},           {"Foster", "", "Foster"},
};

constexpr NamePart kEnGiven[] = {
    {"Emily", "", "Emily"},         {"James", "", "James"},         {"Olivia", "", "Olivia"},
    {"Michael", "", "Michael"},     {"Sarah", "", "Sarah"},         {"David", "", "David"},
    {"Jessica", "", "Jessica"},     {"Daniel", "", "Daniel"},       {"Emma", "", "Emma"},
    {"Matthew", "", "Matthew"},     {"Hannah", "", "Hannah"},       {"Andrew", "", "Andrew"},
    {"Sophie", "", "Sophie"},       {"Thomas", "", "Thomas"},       {"Rachel", "", "Rachel"},
    {"Benjamin", "", "Benjamin"},   {"Charlotte", "", "Charlotte"}, {"William", "", "William"},
    {"Grace", "", "Grace"},         {"Oliver", "", "Oliver"},       {"Lucy", "", "Lucy"},
    {"Ryan", "", "Ryan"},           {"Megan", "", "Megan"},         {"Samuel", "", "Samuel"},
    {"Amelia", "", "Amelia"},       {"Nathan", "", "Nathan"},       {"Priya", "", "Priya"},
    {"Alexander", "", "Alexander"}, {"Rebecca", "", "Rebecca"},     {"Joshua", "", "Joshua"},
};

constexpr NamePart kSgFamily[] = {
    {"Tan", "", "Tan"},   {"Lim", "", "Lim"}, {"Lee", "", "Lee"},   {"Ng", "", "Ng"},
    {"Wong", "", "Wong"}, {"Goh", "", "Goh"}, {"Chua", "", "Chua"}, {"Teo", "", "Teo"},
    {"Koh", "", "Koh"},   {"Ong", "", "Ong"}, {"Nair", "", "Nair"}, {"Menon", "", "Menon"},
};

constexpr NamePart kSgGiven[] = {
    {"Marcus", "", "Marcus"},   {"Rachel", "", "Rachel"},     {"Jasmine", "", "Jasmine"},
    {"Darren", "", "Darren"},   {"Shawn", "", "Shawn"},       {"Cheryl", "", "Cheryl"},
    {"Vanessa", "", "Vanessa"}, {"Bryan", "", "Bryan"},       {"Joanne", "", "Joanne"},
    {"Kelvin", "", "Kelvin"},   {"Michelle", "", "Michelle"}, {"Arjun", "", "Arjun"},
};

// Decodes the UTF-8 sequence at `i` and advances past it; U+FFFD for a bad lead byte or a
// truncated sequence. Enough to classify characters; it is not a validator.
char32_t NextCodePoint(std::string_view text, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  int length = lead < 0x80           ? 1
               : (lead >> 5) == 0x6  ? 2
               : (lead >> 4) == 0xe  ? 3
               : (lead >> 3) == 0x1e ? 4
                                     : 0;
  if (length == 0 || i + static_cast<size_t>(length) > text.size()) {
    ++i;
    return 0xfffd;
  }
  char32_t cp = length == 1 ? lead : lead & (0x7f >> length);
  for (int k = 1; k < length; ++k) cp = (cp << 6) | (byte(i + static_cast<size_t>(k)) & 0x3f);
  i += static_cast<size_t>(length);
  return cp;
}

bool IsHan(char32_t cp) {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
         (cp >= 0x20000 && cp <= 0x3134f) || (cp >= 0xf900 && cp <= 0xfaff) || cp == 0x3005;
}

bool IsKana(char32_t cp) { return cp >= 0x3041 && cp <= 0x30ff; }

bool AllHan(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (!IsHan(NextCodePoint(text, i))) return false;
  }
  return !text.empty();
}

bool AnyKana(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (IsKana(NextCodePoint(text, i))) return true;
  }
  return false;
}

}  // namespace

std::span<const NamePart> JaFamilyNames() { return kJaFamily; }
std::span<const NamePart> JaGivenNames() { return kJaGiven; }
std::span<const NamePart> ZhFamilyNames() { return kZhFamily; }
std::span<const NamePart> ZhGivenNames() { return kZhGiven; }
std::span<const NamePart> EnFamilyNames() { return kEnFamily; }
std::span<const NamePart> EnGivenNames() { return kEnGiven; }
std::span<const NamePart> SgFamilyNames() { return kSgFamily; }
std::span<const NamePart> SgGivenNames() { return kSgGiven; }

}  // namespace enishi::demo::internal

namespace enishi::demo {

std::string DisplayName(const PersonName& name) {
  if (name.family.empty()) return name.given;
  if (name.given.empty()) return name.family;
  if (!name.family_name_first) return name.given + " " + name.family;
  const bool chinese = internal::AllHan(name.family) && internal::AllHan(name.given) &&
                       !internal::AnyKana(name.family_reading) &&
                       !internal::AnyKana(name.given_reading);
  return chinese ? name.family + name.given : name.family + " " + name.given;
}

}  // namespace enishi::demo
