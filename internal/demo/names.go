package demo

import (
	"fmt"
	"math/rand/v2"

	"github.com/anju-cn/anju/internal/idcard"
)

// surnames are common family names of 晋城 / 陵川, with relative weights.
var surnames = []struct {
	name   string
	weight int
}{
	{"王", 12}, {"李", 10}, {"张", 9}, {"刘", 7}, {"郭", 6}, {"赵", 5}, {"陈", 5}, {"杨", 5},
	{"牛", 4}, {"秦", 4}, {"申", 4}, {"崔", 3}, {"常", 3}, {"焦", 3}, {"靳", 3}, {"范", 2},
	{"贾", 2}, {"韩", 2}, {"宋", 2}, {"田", 2}, {"吴", 2}, {"马", 2}, {"董", 2}, {"程", 1},
	{"苗", 1}, {"卫", 1}, {"史", 1}, {"侯", 1}, {"原", 1}, {"许", 1}, {"霍", 1}, {"晋", 1},
}

// huiSurnames are family names common among 回族 households.
var huiSurnames = []string{"马", "白", "丁", "金", "沙"}

// Given names by sex and generation (born before 1970, 1970-1994, 1995 and later).
var (
	maleOld = []string{"建国", "国庆", "保平", "福成", "长胜", "来福", "海旺", "润生", "满仓", "铁柱",
		"德胜", "成林", "有福", "根旺", "拴柱", "志明", "天成", "金锁", "二虎", "全喜", "明", "林", "忠", "贵"}
	maleMid = []string{"伟", "强", "军", "勇", "斌", "鹏", "磊", "涛", "刚", "波", "俊杰", "海军", "建军",
		"晓东", "志强", "红军", "晋军", "晋华", "向东", "宏伟", "晓峰", "鹏飞", "建平", "卫东", "小军"}
	maleYoung = []string{"浩", "宇", "轩", "博", "浩然", "子豪", "俊熙", "宇航", "梓轩", "一鸣", "晨阳",
		"博文", "子墨", "家乐", "思远", "天佑", "浩宇", "锦程", "明哲", "嘉豪", "睿", "泽宇"}
	femaleOld = []string{"秀英", "桂兰", "玉梅", "凤英", "翠花", "桂英", "秀兰", "金花", "爱莲", "月娥",
		"玉兰", "改花", "引弟", "巧云", "爱珍", "俊梅", "二女", "兰", "英", "香"}
	femaleMid = []string{"丽", "娟", "艳", "芳", "敏", "静", "霞", "丽娟", "晓红", "海燕", "红梅", "晓燕",
		"丽芳", "彩霞", "春梅", "艳红", "小娟", "亚琴", "晋芳", "瑞芳", "丽萍"}
	femaleYoung = []string{"欣怡", "梓涵", "雨桐", "子涵", "诗琪", "一诺", "佳怡", "若曦", "紫萱", "可馨",
		"思彤", "梦瑶", "婉清", "雨欣", "佳琪", "晨曦", "悦", "琳", "萱", "瑶"}
)

// Syllables for village names: a first part and a second part, e.g. 石家 + 坡 -> 石家坡村.
var (
	villageFirst = []string{"东", "西", "南", "北", "上", "下", "前", "后", "石家", "马家", "王家", "李家",
		"张家", "杨家", "秦家", "申家", "柳", "桃", "杏", "枣", "松", "黄", "红", "青", "白", "双", "三",
		"大", "小", "高", "沙", "槐", "峪", "苇"}
	villageSecond = []string{"山", "河", "沟", "坡", "岭", "庄", "峪", "坪", "洼", "凹", "掌", "窑", "底",
		"头", "峰", "崖", "圪垯", "泉", "园", "川"}
)

// mobilePrefixes are 3-digit prefixes of mainland mobile numbers starting 13, 15 or 18.
var mobilePrefixes = []string{"134", "135", "136", "137", "138", "139", "130", "131", "132", "133",
	"150", "151", "152", "155", "156", "157", "158", "159", "153", "182", "183", "184", "187", "188",
	"185", "186", "180", "181", "189"}

// pickSurname returns a family name, weighted by frequency.
func pickSurname(r *rand.Rand) string {
	total := 0
	for _, s := range surnames {
		total += s.weight
	}
	n := r.IntN(total)
	for _, s := range surnames {
		if n < s.weight {
			return s.name
		}
		n -= s.weight
	}
	return surnames[0].name
}

// givenName returns a given name typical of the sex and birth year.
func givenName(r *rand.Rand, sex idcard.Sex, birthYear int) string {
	var list []string
	switch {
	case sex == idcard.Male && birthYear < 1970:
		list = maleOld
	case sex == idcard.Male && birthYear < 1995:
		list = maleMid
	case sex == idcard.Male:
		list = maleYoung
	case birthYear < 1970:
		list = femaleOld
	case birthYear < 1995:
		list = femaleMid
	default:
		list = femaleYoung
	}
	return list[r.IntN(len(list))]
}

// villageName returns a made-up village name such as 东山村 or 石家坡村.
func villageName(r *rand.Rand) string {
	return villageFirst[r.IntN(len(villageFirst))] + villageSecond[r.IntN(len(villageSecond))] + "村"
}

// mobile returns an 11-digit mobile number starting 13, 15 or 18.
func mobile(r *rand.Rand) string {
	return mobilePrefixes[r.IntN(len(mobilePrefixes))] + fmt.Sprintf("%08d", r.IntN(100000000))
}
