package household

// Enumerated values of the household and member records (domain.md).
var (
	// Relations are the 与户主关系 values.
	Relations = []string{"户主", "配偶", "之子", "之女", "之儿媳", "之女婿", "之孙子", "之孙女", "之外孙子", "之外孙女",
		"之父", "之母", "之岳父", "之岳母", "之公公", "之婆婆", "之祖父母", "之兄弟姐妹", "之曾孙子女", "之侄儿女",
		"之兄弟媳妇", "之叔伯", "其他"}
	// Educations are the 文化程度 values for members not in school.
	Educations = []string{"文盲或半文盲", "小学", "初中", "高中", "大专", "本科及以上"}
	// SchoolStatuses are the 在校生状况 values.
	SchoolStatuses = []string{"学龄前儿童", "学前教育", "小学", "七年级", "八年级", "九年级",
		"普通高中一年级", "普通高中二年级", "普通高中三年级", "中职一年级", "中职二年级", "中职三年级",
		"高职高专一年级", "高职高专二年级", "高职高专三年级", "本科", "硕士研究生及以上"}
	// Healths are the 健康状况 values.
	Healths = []string{"健康", "长期慢性病", "患有大病", "残疾"}
	// DisabilityCategories are the 残疾类别 values.
	DisabilityCategories = []string{"视力残疾", "听力残疾", "言语残疾", "肢体残疾", "智力残疾", "精神残疾", "多重残疾"}
	// DisabilityGrades are the 残疾等级 values.
	DisabilityGrades = []string{"一级", "二级", "三级", "四级"}
	// HouseholdTypes are the 户类型 values.
	HouseholdTypes = []string{"一般脱贫户", "低保脱贫户", "特困供养脱贫户", "一般户"}
	// MonitoringTypes are the 监测对象类型 values; "无" means not monitored.
	MonitoringTypes = []string{"无", "脱贫不稳定户", "边缘易致贫户", "突发严重困难户"}
	// PovertyCauses are the 主要致贫原因 values.
	PovertyCauses = []string{"因病", "因残", "因学", "因灾", "缺土地", "缺水", "缺技术", "缺劳力", "缺资金",
		"交通条件落后", "自身发展动力不足", "其他"}
	// Ethnicities are the 56 民族 names.
	Ethnicities = []string{"汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
		"满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族",
		"高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族",
		"布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族",
		"俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族",
		"门巴族", "珞巴族", "基诺族", "其他"}
	// MoveOutReasons are why a household leaves a site.
	MoveOutReasons = []string{"迁往他处", "返回原籍", "户籍注销", "其他"}
	// MemberRemovalReasons are why a member leaves a household record.
	MemberRemovalReasons = []string{"死亡", "迁出", "婚嫁迁出", "参军", "其他"}
)

// pupilStatuses are the 在校生状况 values that mean a pupil in compulsory or high school
// (小学 to 高中/中职), who must not be recorded as working.
var pupilStatuses = map[string]bool{"小学": true, "七年级": true, "八年级": true, "九年级": true,
	"普通高中一年级": true, "普通高中二年级": true, "普通高中三年级": true,
	"中职一年级": true, "中职二年级": true, "中职三年级": true}

// IsPupil reports whether a school status makes the member a pupil (小学 to 高中/中职).
func IsPupil(schoolStatus string) bool { return pupilStatuses[schoolStatus] }

func oneOf(v string, list []string) bool {
	for _, s := range list {
		if v == s {
			return true
		}
	}
	return false
}
