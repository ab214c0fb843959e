//! What a CSV import can fill, per kind of record, and the column headers that name each field
//! in the spreadsheets people actually have: English, and Chinese as Excel users in China type it.

use crate::domain::text::fold;

/// The kinds of record a CSV file can bring in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportKind {
    Lead,
    Customer,
    Contact,
    Product,
}

/// A field an imported column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Name,
    Company,
    /// The customer a contact belongs to, by its name.
    Customer,
    Title,
    Phone,
    Email,
    City,
    Address,
    Website,
    Industry,
    Source,
    Level,
    Tags,
    Notes,
    NextFollowUp,
    DecisionMaker,
    Code,
    Spec,
    Unit,
    Category,
    ListPrice,
    TaxRate,
}

use Target::*;

impl ImportKind {
    pub const ALL: [ImportKind; 4] = [
        ImportKind::Lead,
        ImportKind::Customer,
        ImportKind::Contact,
        ImportKind::Product,
    ];

    /// The word for the kind in a URL and in an exported file's name.
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Lead => "leads",
            ImportKind::Customer => "customers",
            ImportKind::Contact => "contacts",
            ImportKind::Product => "products",
        }
    }

    pub fn from_code(code: &str) -> Option<ImportKind> {
        ImportKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The fields a file can fill, in the order the mapping offers them, each with the headers
    /// that name it, separated by `|`. A header is looked up in this order, so where two fields could claim one
    /// (公司 for a contact is its customer), the kind decides.
    fn fields(self) -> &'static [(Target, &'static str)] {
        match self {
            ImportKind::Lead => &[
                (Name, "name|full name|contact|contact name|person|lead|lead name|姓名|名字|联系人|联系人姓名|线索名称|客户姓名"),
                (Company, "company|company name|organization|organisation|account|公司|公司名称|单位名称|企业名称|客户名称|客户"),
                (Title, "title|job title|position|role|职位|职务|头衔"),
                (Phone, "phone|mobile|mobile phone|cell|telephone|tel|phone number|手机|手机号|手机号码|电话|联系电话|电话号码"),
                (Email, "email|e-mail|email address|mail|邮箱|电子邮箱|电子邮件|邮件"),
                (City, "city|城市|所在城市|地区"),
                (Industry, "industry|sector|行业|所属行业"),
                (Source, "source|lead source|channel|来源|线索来源|渠道"),
                (Level, "level|rating|grade|级别|等级|客户级别"),
                (Notes, "notes|note|remarks|remark|comments|comment|description|备注|说明|描述"),
                (NextFollowUp, "next follow-up|next follow up|follow-up|follow up|follow-up date|下次跟进|下次跟进时间|下次联系时间|跟进日期"),
            ],
            ImportKind::Customer => &[
                (Name, "name|customer|customer name|company|company name|account|account name|organization|organisation|客户名称|客户|名称|公司|公司名称|企业名称|单位名称"),
                (Industry, "industry|sector|行业|所属行业"),
                (Level, "level|rating|grade|级别|等级|客户级别"),
                (Source, "source|channel|来源|客户来源|渠道"),
                (City, "city|城市|所在城市|地区"),
                (Address, "address|street|地址|详细地址|公司地址"),
                (Phone, "phone|telephone|tel|mobile|phone number|电话|联系电话|手机|座机|电话号码"),
                (Website, "website|web|url|homepage|网站|网址|官网"),
                (Tags, "tags|tag|labels|标签"),
                (Notes, "notes|note|remarks|remark|comments|description|备注|说明|描述"),
                (NextFollowUp, "next follow-up|next follow up|follow-up|follow up|下次跟进|下次跟进时间|下次联系时间"),
            ],
            ImportKind::Contact => &[
                (Customer, "customer|customer name|company|company name|account|organization|organisation|客户名称|客户|公司|公司名称|所属客户|企业名称|单位名称"),
                (Name, "name|contact|contact name|full name|person|姓名|名字|联系人|联系人姓名"),
                (Title, "title|job title|position|role|职位|职务|头衔"),
                (Phone, "phone|mobile|mobile phone|cell|telephone|tel|phone number|手机|手机号|手机号码|电话|联系电话"),
                (Email, "email|e-mail|email address|mail|邮箱|电子邮箱|电子邮件|邮件"),
                (DecisionMaker, "decision maker|decision-maker|key contact|决策人|是否决策人|关键决策人"),
                (Notes, "notes|note|remarks|remark|comments|备注|说明"),
            ],
            ImportKind::Product => &[
                (Code, "code|product code|sku|item code|item no|part number|产品编码|编码|产品编号|编号|货号|物料编码"),
                (Name, "name|product|product name|item|item name|产品名称|名称|产品|品名|商品名称"),
                (Spec, "spec|specification|model|variant|规格|规格型号|型号"),
                (Unit, "unit|uom|单位|计量单位"),
                (Category, "category|type|group|分类|类别|产品分类|产品类别"),
                (ListPrice, "price|list price|unit price|sales price|单价|价格|售价|标准价格|销售单价"),
                (TaxRate, "tax rate|tax|vat|vat rate|税率|增值税率"),
            ],
        }
    }

    /// The fields a file of this kind can fill, in the order the mapping offers them.
    pub fn targets(self) -> Vec<Target> {
        self.fields().iter().map(|(t, _)| *t).collect()
    }

    /// The fields without which no row can be imported.
    pub fn required(self) -> &'static [&'static [Target]] {
        match self {
            // A lead needs a name or a company: either column will do.
            ImportKind::Lead => &[&[Name, Company]],
            ImportKind::Customer => &[&[Name]],
            ImportKind::Contact => &[&[Customer], &[Name]],
            ImportKind::Product => &[&[Code], &[Name]],
        }
    }

    /// The field a header names, if it names one.
    pub fn recognise(self, header: &str) -> Option<Target> {
        let wanted = header_key(header);
        if wanted.is_empty() {
            return None;
        }
        self.fields()
            .iter()
            .find(|(_, names)| names.split('|').any(|n| header_key(n) == wanted))
            .map(|(t, _)| *t)
    }

    /// The mapping a file starts with: each column to the field its header names, a field taken
    /// by its first column only.
    pub fn default_mapping(self, header: &[String]) -> Vec<Option<Target>> {
        let mut taken = Vec::new();
        header
            .iter()
            .map(|h| {
                let target = self.recognise(h).filter(|t| !taken.contains(t))?;
                taken.push(target);
                Some(target)
            })
            .collect()
    }
}

/// A header as compared: width and case folded, and what people add around a name dropped:
/// spaces, `_` and `-`, the `*` that marks a required column, a unit in brackets (`单价(元)`).
fn header_key(header: &str) -> String {
    let folded = fold(header);
    let mut key = String::new();
    let mut depth = 0usize;
    for c in folded.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() || matches!(c, '_' | '-' | '*' | ':' | '：') => {}
            c => key.push(c),
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping(kind: ImportKind, header: &[&str]) -> Vec<Option<Target>> {
        let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
        kind.default_mapping(&header)
    }

    #[test]
    fn chinese_customer_headers_are_recognised() {
        assert_eq!(
            mapping(
                ImportKind::Customer,
                &[
                    "客户名称",
                    "行业",
                    "来源",
                    "城市",
                    "地址",
                    "电话",
                    "备注",
                    "网址"
                ]
            ),
            [
                Some(Name),
                Some(Industry),
                Some(Source),
                Some(City),
                Some(Address),
                Some(Phone),
                Some(Notes),
                Some(Website)
            ]
        );
    }

    #[test]
    fn english_headers_match_whatever_their_case_spacing_or_width() {
        assert_eq!(
            mapping(
                ImportKind::Lead,
                &[
                    " Full  Name ",
                    "COMPANY",
                    "E-mail",
                    "Ｍｏｂｉｌｅ",
                    "lead_source",
                    "Next Follow-up"
                ]
            ),
            [
                Some(Name),
                Some(Company),
                Some(Email),
                Some(Phone),
                Some(Source),
                Some(NextFollowUp)
            ]
        );
    }

    #[test]
    fn the_kind_decides_what_a_shared_header_means() {
        assert_eq!(ImportKind::Lead.recognise("公司"), Some(Company));
        assert_eq!(ImportKind::Customer.recognise("公司"), Some(Name));
        assert_eq!(ImportKind::Contact.recognise("公司"), Some(Customer));
        assert_eq!(ImportKind::Contact.recognise("客户名称"), Some(Customer));
        assert_eq!(ImportKind::Lead.recognise("联系人"), Some(Name));
        assert_eq!(ImportKind::Product.recognise("名称"), Some(Name));
    }

    #[test]
    fn product_headers_with_marks_and_units_are_recognised() {
        assert_eq!(
            mapping(
                ImportKind::Product,
                &[
                    "产品编码*",
                    "产品名称",
                    "规格",
                    "单位",
                    "单价(元)",
                    "税率（%）",
                    "分类"
                ]
            ),
            [
                Some(Code),
                Some(Name),
                Some(Spec),
                Some(Unit),
                Some(ListPrice),
                Some(TaxRate),
                Some(Category)
            ]
        );
    }

    #[test]
    fn a_field_is_taken_by_its_first_column_and_unknown_headers_stay_unmapped() {
        assert_eq!(
            mapping(ImportKind::Customer, &["电话", "手机", "微信", ""]),
            [Some(Phone), None, None, None]
        );
    }

    #[test]
    fn codes_name_the_kinds() {
        for kind in ImportKind::ALL {
            assert_eq!(ImportKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(ImportKind::from_code("orders"), None);
    }
}
