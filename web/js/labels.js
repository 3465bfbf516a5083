// Chinese names for the codes the API uses.

import { h } from './dom.js';

export const STATUS = {
  active: '有效',
  expired: '已过期',
  long_term: '长期',
  unknown: '待确认',
  not_yet: '未生效',
};

export const STATUS_LONG = {
  active: '有效',
  expired: '已过期',
  long_term: '长期有效(未写明截止日期)',
  unknown: '有效期待确认',
  not_yet: '尚未生效',
};

/** A status badge: colour plus text (never colour alone). */
export function statusBadge(status) {
  const key = STATUS[status] ? status : 'unknown';
  return h('span', { class: `badge status-${key}` }, STATUS[key]);
}

/** The search facets, in the order the page shows them. */
export const FACETS = [
  ['category', '类别'],
  ['status', '状态'],
  ['department', '部门'],
  ['document', '文件'],
  ['level', '层级'],
  ['beneficiary', '对象'],
  ['industry', '行业'],
  ['form', '方式'],
  ['year', '年份'],
  ['list', '清单'],
];
export const FACET_NAME = Object.fromEntries(FACETS);

export const LEVEL = {
  national: '国家级',
  provincial: '省级',
  city: '市级',
  county: '县级',
  other: '其他',
  unknown: '未知',
};

export const BENEFIT_KIND = {
  direct: '资金或减免(可直接享受)',
  service: '服务或便利(可申请使用)',
  task: '政府工作任务(无需申请)',
};

export const AMOUNT_KIND = {
  cap: '上限',
  floor: '下限',
  rate: '比例',
  fixed: '定额',
  per_unit: '按单位',
};

export const TIME_KIND = {
  start: '开始',
  end: '截止',
  window: '期间',
  year: '年度',
  relative: '相对期限',
};

/** A facet value as shown: status and level codes get their Chinese names. */
export function facetValueLabel(facet, value) {
  if (facet === 'status') return STATUS[value] ?? value;
  if (facet === 'level') return LEVEL[value] ?? value;
  if (facet === 'year') return `${value}年`;
  return value;
}

export const SORTS = [
  ['relevance', '相关度'],
  ['seq', '清单序号'],
  ['valid_until', '截止日期'],
  ['amount', '金额'],
];

export const ENTITY_TYPES = [
  ['enterprise', '企业'],
  ['individual_business', '个体工商户'],
  ['farmer_cooperative', '农民专业合作社'],
  ['social_organization', '社会组织'],
];

/** Common GB/T 4754-2017 sections and divisions for the questionnaire. */
export const INDUSTRIES = [
  ['H62', '餐饮业'],
  ['H61', '住宿业'],
  ['F52', '零售业'],
  ['F5292', '互联网零售(网店、直播电商)'],
  ['F51', '批发业'],
  ['C', '制造业'],
  ['A01', '农业(种植)'],
  ['A03', '畜牧业'],
  ['A', '农、林、牧、渔业(其他)'],
  ['E', '建筑业'],
  ['G54', '道路运输业'],
  ['G', '交通运输、仓储和邮政业(其他)'],
  ['L7291', '旅行社及相关服务'],
  ['L', '租赁和商务服务业(其他)'],
  ['I65', '软件和信息技术服务业'],
  ['I', '信息传输、软件和信息技术服务业(其他)'],
  ['M', '科学研究和技术服务业'],
  ['O80', '居民服务业(家政、美容美发、洗浴等)'],
  ['O81', '机动车、电子产品和日用产品修理业'],
  ['P', '教育(培训机构等)'],
  ['R', '文化、体育和娱乐业'],
  ['Q', '卫生和社会工作(养老托育等)'],
  ['K', '房地产业'],
];

/** GB/T 2260 codes of the bundled list's city (辽阳市) and its county-level divisions. */
export const REGIONS = [
  ['211002', '白塔区'],
  ['211003', '文圣区'],
  ['211004', '宏伟区'],
  ['211005', '弓长岭区'],
  ['211011', '太子河区'],
  ['211021', '辽阳县'],
  ['211081', '灯塔市'],
  ['211000', '辽阳市(区县不确定)'],
];

/** Import diagnostics: severity names, most serious first. */
export const SEVERITY = {
  error: '错误',
  warning: '警告',
  info: '提示',
};

/** The formats POST /lists reads (the file is sniffed when auto). */
export const IMPORT_FORMATS = [
  ['auto', '自动识别'],
  ['text', '文本(从网页复制的清单)'],
  ['html', 'HTML 表格'],
  ['csv', 'CSV 表格'],
  ['json', 'JSON(本系统导出)'],
];

export const IMPORT_ENCODINGS = [
  ['auto', '自动识别(UTF-8 或 GB18030)'],
  ['utf-8', 'UTF-8'],
  ['gb18030', 'GB18030'],
  ['gbk', 'GBK'],
];

/** The item fields a version diff reports. */
export const ITEM_FIELDS = {
  seq: '序号',
  category: '政策类别',
  title: '扶持政策事项',
  content: '政策内容',
  basis: '政策依据',
  departments: '实施部门',
};

/** Where a matching override comes from. */
export const OVERRIDE_SOURCE = {
  store: '已在线修改',
  file: '内置(随程序发布)',
};

/** The fields of a matching override entry, as the editor names them. */
export const OVERRIDE_FIELDS = {
  item: '事项编号',
  clause: '引文',
  context: '背景信息说明',
  rule: '规则',
  amounts: '金额估算',
  scope: '适用范围',
  note: '复核备注',
  reviewed: '复核日期',
};

/** Codes of what rule compilation reports. */
export const RULE_ISSUES = {
  'stale-override': '引文失效',
  'unknown-item': '事项不存在',
  'override-on-task': '工作任务上的规则',
  'no-override': '尚无人工复核',
  'amount-not-in-facts': '金额未在原文中找到',
};
