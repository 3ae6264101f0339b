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

// Registers the Guizhou prefecture map (web/vendor/guizhou.json, from
// echarts@4's map data) once; resolves to true when it is available.
let mapLoading = null;

export function loadGuizhouMap(echarts) {
  if (!mapLoading) {
    mapLoading = fetch(new URL('../vendor/guizhou.json', import.meta.url))
      .then((r) => (r.ok ? r.json() : null))
      .then((geo) => {
        if (!geo) return false;
        echarts.registerMap('guizhou', geo);
        return true;
      })
      .catch(() => false);
  }
  return mapLoading;
}
