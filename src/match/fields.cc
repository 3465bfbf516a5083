#include "match/fields.h"

#include <array>
#include <charconv>
#include <cmath>

namespace huiqi::match {

namespace {

constexpr std::array<Choice, 4> kEntityTypes = {{
    {"enterprise", "企业", ""},
    {"individual_business", "个体工商户", ""},
    {"farmer_cooperative", "农民专业合作社", ""},
    {"social_organization", "社会组织", ""},
}};

constexpr std::array<Choice, 5> kOwnerships = {{
    {"state", "国有", ""},
    {"collective", "集体", ""},
    {"private", "民营", ""},
    {"foreign", "外资(含港澳台)", ""},
    {"mixed", "混合所有制", ""},
}};

// The order of SizeClass (large … micro), so an index is a SizeClass.
constexpr std::array<Choice, 4> kSizeClasses = {{
    {"large", "大型", ""},
    {"medium", "中型", ""},
    {"small", "小型", ""},
    {"micro", "微型", ""},
}};

constexpr std::array<Choice, 11> kCertifications = {{
    {"tech_sme", "科技型中小企业", "是否已入库(认定)为科技型中小企业?"},
    {"high_tech", "高新技术企业", "是否为高新技术企业?"},
    {"specialized_new", "专精特新中小企业", "是否新认定为国家级或省级专精特新中小企业?"},
    {"little_giant", "专精特新“小巨人”企业", "是否新认定为专精特新“小巨人”企业?"},
    {"agri_leading_city", "市级农业产业化重点龙头企业", "是否为市级农业产业化重点龙头企业?"},
    {"agri_leading_provincial", "省级农业产业化重点龙头企业",
     "是否新认定为省级农业产业化重点龙头企业?"},
    {"agri_leading_national", "国家级农业产业化重点龙头企业",
     "是否新认定为国家级农业产业化重点龙头企业?"},
    {"epidemic_key_supplier", "疫情防控重点保障企业", "是否为国家或省确定的疫情防控重点保障企业?"},
    {"incubator_city", "市级创业孵化基地", "是否为市级创业孵化基地(运营方)?"},
    {"startup_leader", "创业带头人", "是否被认定为创业带头人?"},
    {"ecommerce_live_base", "电商直播示范基地", "是否为电商直播示范基地?"},
}};

constexpr std::array<Choice, 15> kPlans = {{
    {"ipo_bse", "在北交所上市", "是否计划在北交所上市?"},
    {"ipo_star", "在科创板首发上市", "是否计划在境内科创板首发上市?"},
    {"ipo_main", "在主板或创业板首发上市", "是否计划在境内主板或创业板首发上市?"},
    {"bond_exchange", "在沪深交易所发行债券", "是否计划通过上海或深圳证券交易所发行债券融资?"},
    {"bond_interbank", "在银行间市场发行债券", "是否有在银行间债券市场发债(票据)融资的意向?"},
    {"overseas_expo", "参加重点境外展会", "是否参加省商务厅确定的重点境外展会?"},
    {"equipment_upgrade", "新上先进设备或技术改造", "是否新上先进设备或进行设施设备升级改造?"},
    {"cold_storage", "建设冷藏保鲜设施", "是否建设农产品产地冷藏保鲜设施?"},
    {"hire_graduates", "招用高校毕业生", "是否计划招用高校毕业生?"},
    {"government_procurement", "参加政府采购", "是否参加政府采购投标?"},
    {"government_project", "承建政府投资项目", "是否承建政府投资项目?"},
    {"fdi_project", "新设或增资外商投资项目",
     "是否新设5000万美元以上或增资3000万美元以上的外商投资项目?"},
    {"ip_pledge_loan", "知识产权质押融资", "是否有以专利、商标等知识产权质押融资的需求?"},
    {"stalled_project", "续建、承接、收购“烂尾楼”项目", "是否续建、承接、收购或租赁“烂尾楼”项目?"},
    {"rnd", "开展研发活动", "是否开展研发活动(有研发费用)?"},
}};

using K = FieldKind;

// One row per Field, in enum order (checked by a static_assert below).
constexpr std::array<FieldInfo, kFieldCount> kFields = {{
    {Field::entity_type, "entity_type", K::choice, "主体类型",
     "主体类型(企业/个体工商户/农民专业合作社/社会组织)?", "", 0, false, kEntityTypes},
    {Field::ownership, "ownership", K::choice, "所有制", "企业所有制(国有/集体/民营/外资/混合)?",
     "", 0, false, kOwnerships},
    {Field::industry,
     "industry",
     K::code,
     "所属行业",
     "所属行业(国民经济行业分类 GB/T 4754-2017 代码)?",
     "",
     0,
     false,
     {}},
    {Field::region, "region", K::code, "所在地区", "所在地区(行政区划代码)?", "", 0, false, {}},
    {Field::established, "established", K::text, "成立日期", "成立日期?", "", 0, false, {}},
    {Field::employees, "employees", K::number, "从业人员", "从业人员(人)?", "人", 0, false, {}},
    {Field::revenue_10k_yuan,
     "revenue_10k_yuan",
     K::number,
     "营业收入",
     "上一年度营业收入(万元)?",
     "万元",
     10000,
     false,
     {}},
    {Field::assets_10k_yuan,
     "assets_10k_yuan",
     K::number,
     "资产总额",
     "资产总额(万元)?",
     "万元",
     10000,
     false,
     {}},
    {Field::size_class, "size_class", K::choice, "企业规模(自报)", "企业规模(大型/中型/小型/微型)?",
     "", 0, false, kSizeClasses},
    {Field::above_designated_size,
     "above_designated_size",
     K::boolean,
     "规模以上(限额以上)企业",
     "是否为规模以上(限额以上)企业?",
     "",
     0,
     false,
     {}},
    {Field::revenue_growth_pct,
     "revenue_growth_pct",
     K::number,
     "营业收入同比增幅",
     "营业收入同比增幅(%)?",
     "%",
     0,
     true,
     {}},
    {Field::certifications, "certifications", K::set, "资质认定",
     "已获得哪些资质认定(科技型中小企业、高新技术企业、专精特新等)?", "", 0, false,
     kCertifications},
    {Field::trade_exporter,
     "trade.exporter",
     K::boolean,
     "有出口业务",
     "是否有出口业务?",
     "",
     0,
     false,
     {}},
    {Field::trade_importer,
     "trade.importer",
     K::boolean,
     "有进口业务",
     "是否有进口业务?",
     "",
     0,
     false,
     {}},
    {Field::trade_imports_exports_last_year_10k_usd,
     "trade.imports_exports_last_year_10k_usd",
     K::number,
     "上一年度进出口额",
     "上一年度进出口额(万美元)?",
     "万美元",
     0,
     false,
     {}},
    {Field::trade_exports_last_year_10k_usd,
     "trade.exports_last_year_10k_usd",
     K::number,
     "上一年度出口额",
     "上一年度出口额(万美元)?",
     "万美元",
     0,
     false,
     {}},
    {Field::trade_export_credit_insured,
     "trade.export_credit_insured",
     K::boolean,
     "投保短期出口信用保险",
     "是否投保短期出口信用保险?",
     "",
     0,
     false,
     {}},
    {Field::trade_export_credit_premium_10k_yuan,
     "trade.export_credit_premium_10k_yuan",
     K::number,
     "出口信用保险保费",
     "已缴纳的短期出口信用保险保费(万元)?",
     "万元",
     10000,
     false,
     {}},
    {Field::trade_imports_bulk_commodities,
     "trade.imports_bulk_commodities",
     K::boolean,
     "进口大宗资源性商品",
     "是否进口铁矿、原油等大宗资源性商品?",
     "",
     0,
     false,
     {}},
    {Field::premises_rents_state_owned,
     "premises.rents_state_owned",
     K::boolean,
     "承租国有房屋",
     "是否承租国有房屋(含国有企业和行政事业单位房屋)从事生产经营?",
     "",
     0,
     false,
     {}},
    {Field::premises_rents_private,
     "premises.rents_private",
     K::boolean,
     "承租非国有房屋",
     "是否承租非国有房屋(含商场、市场摊床)?",
     "",
     0,
     false,
     {}},
    {Field::premises_monthly_rent_yuan,
     "premises.monthly_rent_yuan",
     K::number,
     "月租金",
     "每月房屋租金(元)?",
     "元",
     1,
     false,
     {}},
    {Field::premises_in_incubator,
     "premises.in_incubator",
     K::boolean,
     "入驻孵化载体",
     "是否入驻创业孵化基地、众创空间或科技企业孵化器?",
     "",
     0,
     false,
     {}},
    {Field::hiring_new_hires_this_year,
     "hiring.new_hires_this_year",
     K::number,
     "本年新招用员工",
     "本年新招用员工(人)?",
     "人",
     0,
     false,
     {}},
    {Field::hiring_graduates_this_year,
     "hiring.graduates_this_year",
     K::number,
     "本年新招用高校毕业生",
     "本年新招用毕业年度或登记失业的高校毕业生(人)?",
     "人",
     0,
     false,
     {}},
    {Field::hiring_hard_to_employ,
     "hiring.hard_to_employ",
     K::number,
     "新招用就业困难人员",
     "本年新招用就业困难人员(人)?",
     "人",
     0,
     false,
     {}},
    {Field::hiring_registered_unemployed,
     "hiring.registered_unemployed",
     K::number,
     "新招用登记失业人员",
     "本年新招用登记失业半年以上人员(人)?",
     "人",
     0,
     false,
     {}},
    {Field::hiring_no_or_few_layoffs,
     "hiring.no_or_few_layoffs",
     K::boolean,
     "不裁员或少裁员",
     "上年度是否不裁员或少裁员?",
     "",
     0,
     false,
     {}},
    {Field::social_insurance_insured,
     "social_insurance.insured",
     K::boolean,
     "参加失业保险",
     "是否为职工参加失业保险(参保单位)?",
     "",
     0,
     false,
     {}},
    {Field::social_insurance_unemployment_insurance_paid_last_year_10k_yuan,
     "social_insurance.unemployment_insurance_paid_last_year_10k_yuan",
     K::number,
     "上年度缴纳失业保险费",
     "上年度企业及职工缴纳的失业保险费(万元)?",
     "万元",
     10000,
     false,
     {}},
    {Field::finance_has_bank_loan,
     "finance.has_bank_loan",
     K::boolean,
     "有银行贷款",
     "目前是否有银行贷款?",
     "",
     0,
     false,
     {}},
    {Field::finance_loan_interest_paid_10k_yuan,
     "finance.loan_interest_paid_10k_yuan",
     K::number,
     "已付贷款利息",
     "上一年度已付贷款利息(万元)?",
     "万元",
     10000,
     false,
     {}},
    {Field::finance_seeking_loan_10k_yuan,
     "finance.seeking_loan_10k_yuan",
     K::number,
     "贷款需求",
     "近期贷款需求(万元)?",
     "万元",
     10000,
     false,
     {}},
    {Field::finance_seeking_guarantee_10k_yuan,
     "finance.seeking_guarantee_10k_yuan",
     K::number,
     "融资担保需求",
     "近期融资担保需求(万元)?",
     "万元",
     10000,
     false,
     {}},
    {Field::finance_bond_financing_10k_yuan,
     "finance.bond_financing_10k_yuan",
     K::number,
     "交易所债券融资额",
     "通过沪深交易所债券融资的金额(万元)?",
     "万元",
     10000,
     false,
     {}},
    {Field::investment_equipment_10k_yuan,
     "investment.equipment_10k_yuan",
     K::number,
     "设备投入",
     "新上设备(升级改造)项目投入(万元)?",
     "万元",
     10000,
     false,
     {}},
    {Field::investment_fixed_assets_10k_yuan,
     "investment.fixed_assets_10k_yuan",
     K::number,
     "生产投入的固定资产",
     "生产投入的固定资产(万元)?",
     "万元",
     10000,
     false,
     {}},
    {Field::investment_cold_storage_10k_yuan,
     "investment.cold_storage_10k_yuan",
     K::number,
     "冷藏保鲜设施投资",
     "冷藏保鲜设施建设投资(万元)?",
     "万元",
     10000,
     false,
     {}},
    {Field::deposits_travel_quality_10k_yuan,
     "deposits.travel_quality_10k_yuan",
     K::number,
     "旅游服务质量保证金",
     "已缴纳的旅游服务质量保证金(万元)?",
     "万元",
     10000,
     false,
     {}},
    {Field::tax_has_vat_credit,
     "tax.has_vat_credit",
     K::boolean,
     "有增值税留抵税额",
     "是否有增值税留抵税额?",
     "",
     0,
     false,
     {}},
    {Field::plans, "plans", K::set, "计划或正在进行的事项", "有哪些计划或正在进行的事项?", "", 0,
     false, kPlans},
    {Field::affected_by_epidemic,
     "affected_by_epidemic",
     K::boolean,
     "受疫情影响",
     "是否受疫情影响(停产停业、营业收入明显下降等)?",
     "",
     0,
     false,
     {}},
    {Field::in_difficulty,
     "in_difficulty",
     K::boolean,
     "生产经营困难",
     "是否面临暂时性生产经营困难(如无力按期缴纳社保费、水电气费)?",
     "",
     0,
     false,
     {}},
    {Field::epidemic_supplies,
     "epidemic_supplies",
     K::boolean,
     "生产或销售防疫物资",
     "是否生产或销售疫情防控物资?",
     "",
     0,
     false,
     {}},
    {Field::in_litigation,
     "in_litigation",
     K::boolean,
     "有涉企诉讼",
     "是否有涉企诉讼或执行案件?",
     "",
     0,
     false,
     {}},
    {Field::size, "size", K::size, "企业规模", "企业规模?", "", 0, false, kSizeClasses},
}};

constexpr bool table_in_order() {
  for (std::size_t i = 0; i < kFields.size(); ++i) {
    if (static_cast<std::size_t>(kFields[i].id) != i) return false;
  }
  return true;
}
static_assert(table_in_order(), "kFields must list the fields in enum order");

const std::optional<std::string>& no_code() {
  static const std::optional<std::string> none;
  return none;
}

std::string format_amount(double value, std::string_view unit) {
  return format_number(value) + std::string(unit);
}

}  // namespace

std::span<const FieldInfo> all_fields() { return kFields; }

const FieldInfo& info(Field field) { return kFields[static_cast<std::size_t>(field)]; }

const FieldInfo* find_field(std::string_view path) {
  for (const FieldInfo& field : kFields) {
    if (field.path == path) return &field;
  }
  return nullptr;
}

std::optional<int> choice_index(Field field, std::string_view value) {
  const auto choices = info(field).choices;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (choices[i].value == value) return static_cast<int>(i);
  }
  return std::nullopt;
}

std::optional<bool>* bool_slot(Profile& p, Field field) {
  switch (field) {
    case Field::above_designated_size:
      return &p.above_designated_size;
    case Field::trade_exporter:
      return &p.trade.exporter;
    case Field::trade_importer:
      return &p.trade.importer;
    case Field::trade_export_credit_insured:
      return &p.trade.export_credit_insured;
    case Field::trade_imports_bulk_commodities:
      return &p.trade.imports_bulk_commodities;
    case Field::premises_rents_state_owned:
      return &p.premises.rents_state_owned;
    case Field::premises_rents_private:
      return &p.premises.rents_private;
    case Field::premises_in_incubator:
      return &p.premises.in_incubator;
    case Field::hiring_no_or_few_layoffs:
      return &p.hiring.no_or_few_layoffs;
    case Field::social_insurance_insured:
      return &p.social_insurance.insured;
    case Field::finance_has_bank_loan:
      return &p.finance.has_bank_loan;
    case Field::tax_has_vat_credit:
      return &p.tax.has_vat_credit;
    case Field::affected_by_epidemic:
      return &p.affected_by_epidemic;
    case Field::in_difficulty:
      return &p.in_difficulty;
    case Field::epidemic_supplies:
      return &p.epidemic_supplies;
    case Field::in_litigation:
      return &p.in_litigation;
    default:
      return nullptr;
  }
}

std::optional<double>* number_slot(Profile& p, Field field) {
  switch (field) {
    case Field::employees:
      return &p.employees;
    case Field::revenue_10k_yuan:
      return &p.revenue_10k_yuan;
    case Field::assets_10k_yuan:
      return &p.assets_10k_yuan;
    case Field::revenue_growth_pct:
      return &p.revenue_growth_pct;
    case Field::trade_imports_exports_last_year_10k_usd:
      return &p.trade.imports_exports_last_year_10k_usd;
    case Field::trade_exports_last_year_10k_usd:
      return &p.trade.exports_last_year_10k_usd;
    case Field::trade_export_credit_premium_10k_yuan:
      return &p.trade.export_credit_premium_10k_yuan;
    case Field::premises_monthly_rent_yuan:
      return &p.premises.monthly_rent_yuan;
    case Field::hiring_new_hires_this_year:
      return &p.hiring.new_hires_this_year;
    case Field::hiring_graduates_this_year:
      return &p.hiring.graduates_this_year;
    case Field::hiring_hard_to_employ:
      return &p.hiring.hard_to_employ;
    case Field::hiring_registered_unemployed:
      return &p.hiring.registered_unemployed;
    case Field::social_insurance_unemployment_insurance_paid_last_year_10k_yuan:
      return &p.social_insurance.unemployment_insurance_paid_last_year_10k_yuan;
    case Field::finance_loan_interest_paid_10k_yuan:
      return &p.finance.loan_interest_paid_10k_yuan;
    case Field::finance_seeking_loan_10k_yuan:
      return &p.finance.seeking_loan_10k_yuan;
    case Field::finance_seeking_guarantee_10k_yuan:
      return &p.finance.seeking_guarantee_10k_yuan;
    case Field::finance_bond_financing_10k_yuan:
      return &p.finance.bond_financing_10k_yuan;
    case Field::investment_equipment_10k_yuan:
      return &p.investment.equipment_10k_yuan;
    case Field::investment_fixed_assets_10k_yuan:
      return &p.investment.fixed_assets_10k_yuan;
    case Field::investment_cold_storage_10k_yuan:
      return &p.investment.cold_storage_10k_yuan;
    case Field::deposits_travel_quality_10k_yuan:
      return &p.deposits.travel_quality_10k_yuan;
    default:
      return nullptr;
  }
}

std::optional<std::string>* code_slot(Profile& p, Field field) {
  switch (field) {
    case Field::industry:
      return &p.industry;
    case Field::region:
      return &p.region;
    case Field::established:
      return &p.established;
    default:
      return nullptr;
  }
}

std::optional<std::vector<std::string>>* set_slot(Profile& p, Field field) {
  switch (field) {
    case Field::certifications:
      return &p.certifications;
    case Field::plans:
      return &p.plans;
    default:
      return nullptr;
  }
}

void set_choice(Profile& p, Field field, std::optional<int> index) {
  switch (field) {
    case Field::entity_type:
      p.entity_type = index ? std::optional(static_cast<EntityType>(*index)) : std::nullopt;
      break;
    case Field::ownership:
      p.ownership = index ? std::optional(static_cast<Ownership>(*index)) : std::nullopt;
      break;
    case Field::size_class:
      p.size_class = index ? std::optional(static_cast<SizeClass>(*index)) : std::nullopt;
      break;
    default:
      break;
  }
}

std::optional<bool> get_bool(const Profile& p, Field field) {
  const auto* slot = bool_slot(const_cast<Profile&>(p), field);
  return slot != nullptr ? *slot : std::nullopt;
}

std::optional<double> get_number(const Profile& p, Field field) {
  const auto* slot = number_slot(const_cast<Profile&>(p), field);
  return slot != nullptr ? *slot : std::nullopt;
}

std::optional<int> get_choice(const Profile& p, Field field) {
  switch (field) {
    case Field::entity_type:
      return p.entity_type ? std::optional(static_cast<int>(*p.entity_type)) : std::nullopt;
    case Field::ownership:
      return p.ownership ? std::optional(static_cast<int>(*p.ownership)) : std::nullopt;
    case Field::size_class:
      if (!p.size_class || *p.size_class == SizeClass::unknown) return std::nullopt;
      return static_cast<int>(*p.size_class);
    default:
      return std::nullopt;
  }
}

const std::optional<std::string>& get_code(const Profile& p, Field field) {
  const auto* slot = code_slot(const_cast<Profile&>(p), field);
  return slot != nullptr ? *slot : no_code();
}

std::optional<std::uint64_t> get_set(const Profile& p, Field field) {
  const auto* slot = set_slot(const_cast<Profile&>(p), field);
  if (slot == nullptr || !*slot) return std::nullopt;
  std::uint64_t mask = 0;
  for (const std::string& value : **slot) {
    if (const auto index = choice_index(field, value)) mask |= std::uint64_t{1} << *index;
  }
  return mask;
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return "?";
  // Two decimals at most: amounts and counts never need more, and 0.1 + 0.2 must not show.
  const double rounded = std::round(value * 100) / 100;
  std::array<char, 48> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), rounded);
  return std::string(buffer.data(), result.ptr);
}

std::string display_value(const Profile& p, Field field) {
  const FieldInfo& field_info = info(field);
  switch (field_info.kind) {
    case FieldKind::boolean: {
      const auto value = get_bool(p, field);
      return value ? (*value ? "是" : "否") : "未知";
    }
    case FieldKind::number: {
      const auto value = get_number(p, field);
      return value ? format_amount(*value, field_info.unit) : "未知";
    }
    case FieldKind::choice:
    case FieldKind::size: {
      const auto value = get_choice(p, field == Field::size ? Field::size_class : field);
      return value ? std::string(field_info.choices[static_cast<std::size_t>(*value)].label)
                   : "未知";
    }
    case FieldKind::code:
    case FieldKind::text: {
      const auto& value = get_code(p, field);
      return value ? *value : "未知";
    }
    case FieldKind::set: {
      const auto* slot = set_slot(const_cast<Profile&>(p), field);
      if (!*slot) return "未知";
      if ((*slot)->empty()) return "无";
      std::string out;
      for (const std::string& value : **slot) {
        if (!out.empty()) out += "、";
        const auto index = choice_index(field, value);
        out +=
            index ? std::string(field_info.choices[static_cast<std::size_t>(*index)].label) : value;
      }
      return out;
    }
  }
  return "未知";
}

}  // namespace huiqi::match
