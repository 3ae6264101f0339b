// Loads the vendored ECharts 4 (web/vendor/echarts.min.js, copied there by
// scripts/web-vendor.sh) once; resolves to window.echarts, or null when the
// file is missing so pages fall back to tables.
let loading = null;

export function loadEcharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!loading) {
    loading = new Promise((resolve) => {
      const s = document.createElement('script');
      s.src = new URL('../vendor/echarts.min.js', import.meta.url).href;
      s.onload = () => resolve(window.echarts ?? null);
      s.onerror = () => resolve(null);
      document.head.append(s);
    });
  }
  return loading;
}
