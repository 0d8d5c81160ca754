package labor

import "testing"

func TestCapacityOrder(t *testing.T) {
	if !Skilled.AtLeast(Ordinary) || !Ordinary.AtLeast(Weak) || Weak.AtLeast(Ordinary) {
		t.Error("skilled > ordinary > weak")
	}
	if Lost.HasCapacity() || NoLabor.HasCapacity() || !Weak.HasCapacity() {
		t.Error("lost and none have no capacity; weak does")
	}
	if Lost.AtLeast("") || !Weak.AtLeast("") {
		t.Error("an empty minimum still needs capacity")
	}
	if Capacity("强").Valid() || !Weak.Valid() {
		t.Error("validity")
	}
}

func TestChannels(t *testing.T) {
	for ch, want := range map[Channel][2]any{
		LocalEnterprise: {true, "县内"}, Workshop: {true, "县内"}, Welfare: {true, "县内"},
		SelfEmployed: {false, "县内"}, Flexible: {false, "县内"}, MigrantProvince: {false, "县外省内"}, MigrantOutside: {false, "省外"},
	} {
		if ch.PositionBased() != want[0] || ch.Where() != want[1] || !ch.Valid() {
			t.Errorf("%s: position-based %v where %s", ch, ch.PositionBased(), ch.Where())
		}
	}
	if Channel("打零工").Valid() {
		t.Error("unknown channel accepted")
	}
}

func TestAreaAndWelfare(t *testing.T) {
	if !AreaInCounty.Accepts(true) || AreaInCounty.Accepts(false) || !AreaOutCounty.Accepts(false) || !AreaAny.Accepts(false) || !Area("").Accepts(false) {
		t.Error("area intentions")
	}
	r := DefaultWelfareRules()
	if !r.WelfareAgeOK(16) || !r.WelfareAgeOK(60) || r.WelfareAgeOK(61) || r.WelfareAgeOK(15) || !r.OnePerHousehold {
		t.Error("default 公益性岗位 rules: 16-60, one per household")
	}
}
