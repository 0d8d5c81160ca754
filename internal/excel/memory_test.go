package excel

import (
	"io"
	"runtime"
	"testing"

	"github.com/anju-cn/anju/internal/idcard"
)

// TestMemoryFlat streams 150,000 placement rows and checks that the live heap after 150,000 rows is
// not larger than after 50,000: rows are not kept (excelize spills the sheet to a temporary file past
// 16 MB, and the look-ahead holds only the first rows).
func TestMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 150,000 rows; skipped with -short")
	}
	const n = 150000
	heap := map[int]uint64{}
	row := PlacementRow{SiteName: "沙上头集中安置点", HouseholdNumber: "140524-00001", Name: "王建国", IDNumber: "140524********0012",
		Sex: "男", Age: 40, LaborCapacity: "普通劳动力", Channel: "县内企业就业", Place: "县内", EmployerName: "陵川县恒洁物业服务有限公司",
		PositionTitle: "保洁员", StartDate: asOf, MonthlyIncome: 2100}
	wb := workbook(county(), idcard.Mask)
	wb.Placements = func(yield func(PlacementRow) bool) error {
		for i := 1; i <= n; i++ {
			if !yield(row) {
				return nil
			}
			if i%50000 == 0 {
				runtime.GC()
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				heap[i] = m.HeapAlloc
			}
		}
		return nil
	}
	if err := WriteStatistics(io.Discard, wb); err != nil {
		t.Fatal(err)
	}
	const slack = 8 << 20
	t.Logf("live heap after 50k rows %d MB, after 150k rows %d MB", heap[50000]>>20, heap[150000]>>20)
	if heap[150000] > heap[50000]+slack {
		t.Errorf("heap grew from %d to %d bytes between 50,000 and 150,000 rows", heap[50000], heap[150000])
	}
}
