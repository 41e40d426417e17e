/**
 * GB/T 4754-2017 《国民经济行业分类》 (with amendment No. 1 of 2019, which changed no section or
 * division): the 20 sections (门类) and 97 divisions (大类). Frozen with the migration that seeds it
 * (`1765000310000-industry.migration.ts`): a later edition is a new migration with its own data.
 */

export interface SectionData {
  code: string;
  nameZh: string;
  nameEn: string;
  /** First and last division number of the section. */
  first: number;
  last: number;
}

export const GBT4754_SECTIONS: readonly SectionData[] = [
  { code: 'A', nameZh: '农、林、牧、渔业', nameEn: 'Agriculture, Forestry, Animal Husbandry and Fishery', first: 1, last: 5 },
  { code: 'B', nameZh: '采矿业', nameEn: 'Mining', first: 6, last: 12 },
  { code: 'C', nameZh: '制造业', nameEn: 'Manufacturing', first: 13, last: 43 },
  {
    code: 'D',
    nameZh: '电力、热力、燃气及水生产和供应业',
    nameEn: 'Production and Supply of Electricity, Heat, Gas and Water',
    first: 44,
    last: 46,
  },
  { code: 'E', nameZh: '建筑业', nameEn: 'Construction', first: 47, last: 50 },
  { code: 'F', nameZh: '批发和零售业', nameEn: 'Wholesale and Retail Trades', first: 51, last: 52 },
  { code: 'G', nameZh: '交通运输、仓储和邮政业', nameEn: 'Transport, Storage and Post', first: 53, last: 60 },
  { code: 'H', nameZh: '住宿和餐饮业', nameEn: 'Accommodation and Catering', first: 61, last: 62 },
  {
    code: 'I',
    nameZh: '信息传输、软件和信息技术服务业',
    nameEn: 'Information Transmission, Software and Information Technology Services',
    first: 63,
    last: 65,
  },
  { code: 'J', nameZh: '金融业', nameEn: 'Finance', first: 66, last: 69 },
  { code: 'K', nameZh: '房地产业', nameEn: 'Real Estate', first: 70, last: 70 },
  { code: 'L', nameZh: '租赁和商务服务业', nameEn: 'Leasing and Business Services', first: 71, last: 72 },
  { code: 'M', nameZh: '科学研究和技术服务业', nameEn: 'Scientific Research and Technical Services', first: 73, last: 75 },
  {
    code: 'N',
    nameZh: '水利、环境和公共设施管理业',
    nameEn: 'Management of Water Conservancy, Environment and Public Facilities',
    first: 76,
    last: 79,
  },
  { code: 'O', nameZh: '居民服务、修理和其他服务业', nameEn: 'Resident Services, Repair and Other Services', first: 80, last: 82 },
  { code: 'P', nameZh: '教育', nameEn: 'Education', first: 83, last: 83 },
  { code: 'Q', nameZh: '卫生和社会工作', nameEn: 'Health and Social Work', first: 84, last: 85 },
  { code: 'R', nameZh: '文化、体育和娱乐业', nameEn: 'Culture, Sports and Entertainment', first: 86, last: 90 },
  {
    code: 'S',
    nameZh: '公共管理、社会保障和社会组织',
    nameEn: 'Public Management, Social Security and Social Organizations',
    first: 91,
    last: 96,
  },
  { code: 'T', nameZh: '国际组织', nameEn: 'International Organizations', first: 97, last: 97 },
];

/** [two-digit division code, Chinese name, English name], in code order. */
export const GBT4754_DIVISIONS: readonly (readonly [string, string, string])[] = [
  ['01', '农业', 'Agriculture'],
  ['02', '林业', 'Forestry'],
  ['03', '畜牧业', 'Animal Husbandry'],
  ['04', '渔业', 'Fishery'],
  ['05', '农、林、牧、渔专业及辅助性活动', 'Professional and Support Activities for Agriculture, Forestry, Animal Husbandry and Fishery'],
  ['06', '煤炭开采和洗选业', 'Mining and Washing of Coal'],
  ['07', '石油和天然气开采业', 'Extraction of Petroleum and Natural Gas'],
  ['08', '黑色金属矿采选业', 'Mining and Processing of Ferrous Metal Ores'],
  ['09', '有色金属矿采选业', 'Mining and Processing of Non-ferrous Metal Ores'],
  ['10', '非金属矿采选业', 'Mining and Processing of Non-metal Ores'],
  ['11', '开采专业及辅助性活动', 'Professional and Support Activities for Mining'],
  ['12', '其他采矿业', 'Other Mining'],
  ['13', '农副食品加工业', 'Processing of Food from Agricultural Products'],
  ['14', '食品制造业', 'Manufacture of Foods'],
  ['15', '酒、饮料和精制茶制造业', 'Manufacture of Liquor, Beverages and Refined Tea'],
  ['16', '烟草制品业', 'Manufacture of Tobacco'],
  ['17', '纺织业', 'Manufacture of Textiles'],
  ['18', '纺织服装、服饰业', 'Manufacture of Textile Wearing Apparel and Accessories'],
  ['19', '皮革、毛皮、羽毛及其制品和制鞋业', 'Manufacture of Leather, Fur, Feather and Related Products and Footwear'],
  ['20', '木材加工和木、竹、藤、棕、草制品业', 'Processing of Timber, Manufacture of Wood, Bamboo, Rattan, Palm and Straw Products'],
  ['21', '家具制造业', 'Manufacture of Furniture'],
  ['22', '造纸和纸制品业', 'Manufacture of Paper and Paper Products'],
  ['23', '印刷和记录媒介复制业', 'Printing and Reproduction of Recording Media'],
  [
    '24',
    '文教、工美、体育和娱乐用品制造业',
    'Manufacture of Articles for Culture, Education, Arts and Crafts, Sport and Entertainment Activities',
  ],
  ['25', '石油、煤炭及其他燃料加工业', 'Processing of Petroleum, Coal and Other Fuels'],
  ['26', '化学原料和化学制品制造业', 'Manufacture of Raw Chemical Materials and Chemical Products'],
  ['27', '医药制造业', 'Manufacture of Medicines'],
  ['28', '化学纤维制造业', 'Manufacture of Chemical Fibres'],
  ['29', '橡胶和塑料制品业', 'Manufacture of Rubber and Plastic Products'],
  ['30', '非金属矿物制品业', 'Manufacture of Non-metallic Mineral Products'],
  ['31', '黑色金属冶炼和压延加工业', 'Smelting and Pressing of Ferrous Metals'],
  ['32', '有色金属冶炼和压延加工业', 'Smelting and Pressing of Non-ferrous Metals'],
  ['33', '金属制品业', 'Manufacture of Metal Products'],
  ['34', '通用设备制造业', 'Manufacture of General Purpose Machinery'],
  ['35', '专用设备制造业', 'Manufacture of Special Purpose Machinery'],
  ['36', '汽车制造业', 'Manufacture of Automobiles'],
  ['37', '铁路、船舶、航空航天和其他运输设备制造业', 'Manufacture of Railway, Ship, Aerospace and Other Transport Equipment'],
  ['38', '电气机械和器材制造业', 'Manufacture of Electrical Machinery and Apparatus'],
  ['39', '计算机、通信和其他电子设备制造业', 'Manufacture of Computers, Communication and Other Electronic Equipment'],
  ['40', '仪器仪表制造业', 'Manufacture of Measuring Instruments and Meters'],
  ['41', '其他制造业', 'Other Manufacturing'],
  ['42', '废弃资源综合利用业', 'Utilization of Waste Resources'],
  ['43', '金属制品、机械和设备修理业', 'Repair of Metal Products, Machinery and Equipment'],
  ['44', '电力、热力生产和供应业', 'Production and Supply of Electric Power and Heat'],
  ['45', '燃气生产和供应业', 'Production and Supply of Gas'],
  ['46', '水的生产和供应业', 'Production and Supply of Water'],
  ['47', '房屋建筑业', 'Construction of Buildings'],
  ['48', '土木工程建筑业', 'Civil Engineering'],
  ['49', '建筑安装业', 'Construction Installation Activities'],
  ['50', '建筑装饰、装修和其他建筑业', 'Building Decoration, Renovation and Other Construction'],
  ['51', '批发业', 'Wholesale Trade'],
  ['52', '零售业', 'Retail Trade'],
  ['53', '铁路运输业', 'Rail Transport'],
  ['54', '道路运输业', 'Road Transport'],
  ['55', '水上运输业', 'Water Transport'],
  ['56', '航空运输业', 'Air Transport'],
  ['57', '管道运输业', 'Pipeline Transport'],
  ['58', '多式联运和运输代理业', 'Multimodal Transport and Transport Agency'],
  ['59', '装卸搬运和仓储业', 'Loading, Unloading, Handling and Storage'],
  ['60', '邮政业', 'Postal Services'],
  ['61', '住宿业', 'Accommodation'],
  ['62', '餐饮业', 'Catering Services'],
  ['63', '电信、广播电视和卫星传输服务', 'Telecommunications, Radio and Television and Satellite Transmission Services'],
  ['64', '互联网和相关服务', 'Internet and Related Services'],
  ['65', '软件和信息技术服务业', 'Software and Information Technology Services'],
  ['66', '货币金融服务', 'Monetary and Financial Services'],
  ['67', '资本市场服务', 'Capital Market Services'],
  ['68', '保险业', 'Insurance'],
  ['69', '其他金融业', 'Other Financial Activities'],
  ['70', '房地产业', 'Real Estate'],
  ['71', '租赁业', 'Leasing'],
  ['72', '商务服务业', 'Business Services'],
  ['73', '研究和试验发展', 'Research and Experimental Development'],
  ['74', '专业技术服务业', 'Professional Technical Services'],
  ['75', '科技推广和应用服务业', 'Technology Promotion and Application Services'],
  ['76', '水利管理业', 'Management of Water Conservancy'],
  ['77', '生态保护和环境治理业', 'Ecological Protection and Environmental Governance'],
  ['78', '公共设施管理业', 'Management of Public Facilities'],
  ['79', '土地管理业', 'Land Management'],
  ['80', '居民服务业', 'Resident Services'],
  ['81', '机动车、电子产品和日用产品修理业', 'Repair of Motor Vehicles, Electronic Products and Daily Necessities'],
  ['82', '其他服务业', 'Other Services'],
  ['83', '教育', 'Education'],
  ['84', '卫生', 'Health'],
  ['85', '社会工作', 'Social Work'],
  ['86', '新闻和出版业', 'News and Publishing'],
  ['87', '广播、电视、电影和录音制作业', 'Radio, Television, Film and Sound Recording Production'],
  ['88', '文化艺术业', 'Culture and Arts'],
  ['89', '体育', 'Sports'],
  ['90', '娱乐业', 'Entertainment'],
  ['91', '中国共产党机关', 'Organs of the Communist Party of China'],
  ['92', '国家机构', 'State Organs'],
  ['93', '人民政协、民主党派', 'CPPCC and Democratic Parties'],
  ['94', '社会保障', 'Social Security'],
  ['95', '群众团体、社会团体和其他成员组织', 'Mass Organizations, Social Organizations and Other Membership Organizations'],
  ['96', '基层群众自治组织及其他组织', 'Grassroots Self-governing Organizations and Other Organizations'],
  ['97', '国际组织', 'International Organizations'],
];

/** The section a division number belongs to, or undefined outside 01–97. */
export function sectionOfDivision(division: string): SectionData | undefined {
  const n = Number(division);
  return GBT4754_SECTIONS.find((s) => n >= s.first && n <= s.last);
}

/** Every entry as the migration stores it: sections, then divisions as `<letter><digits>`, in code order. */
export function gbt4754Rows(): Array<{
  code: string;
  level: 'section' | 'division';
  section: string;
  nameZh: string;
  nameEn: string;
  sort: number;
}> {
  const rows: ReturnType<typeof gbt4754Rows> = [];
  let sort = 0;
  for (const s of GBT4754_SECTIONS) {
    rows.push({ code: s.code, level: 'section', section: s.code, nameZh: s.nameZh, nameEn: s.nameEn, sort: sort++ });
    for (const [d, zh, en] of GBT4754_DIVISIONS.filter(([d]) => Number(d) >= s.first && Number(d) <= s.last))
      rows.push({ code: `${s.code}${d}`, level: 'division', section: s.code, nameZh: zh, nameEn: en, sort: sort++ });
  }
  return rows;
}
