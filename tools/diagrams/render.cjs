// Renders processes/<name>.bpmn to docs/screenshots/<name>-bpmn.png (2200 × 1300) with the bpmn-js viewer in
// headless Chromium, as the manual shows it. Usage: npm install && node render.cjs reception [proxy-service …]
// (no names: every process). CHROMIUM overrides the browser (default /usr/bin/chromium).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '../..');
const viewer = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');
const assets = path.join(path.dirname(viewer), 'assets');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const names = process.argv.slice(2).length ? process.argv.slice(2)
  : fs.readdirSync(path.join(root, 'processes')).filter((f) => f.endsWith('.bpmn')).map((f) => f.slice(0, -5));

for (const name of names) {
  const xml = fs.readFileSync(path.join(root, 'processes', name + '.bpmn'), 'utf8');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpmn-'));
  const page = path.join(dir, 'page.html');
  fs.writeFileSync(page, `<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="file://${assets}/diagram-js.css"><link rel="stylesheet" href="file://${assets}/bpmn-js.css">
<style>html, body, #canvas { margin: 0; width: 100%; height: 100%; background: #fff; }</style></head>
<body><div id="canvas"></div><script src="file://${viewer}"></script><script>
const viewer = new BpmnJS({ container: '#canvas' });
viewer.importXML(${JSON.stringify(xml)}).then(() => viewer.get('canvas').zoom('fit-viewport', 'auto'))
  .catch((e) => { document.body.textContent = 'BPMN import failed: ' + e.message; });
</script></body></html>`);
  const out = path.join(root, 'docs', 'screenshots', name + '-bpmn.png');
  execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--allow-file-access-from-files',
    '--window-size=2200,1300', '--virtual-time-budget=10000', '--screenshot=' + out, 'file://' + page], { stdio: 'inherit' });
  fs.rmSync(dir, { recursive: true, force: true });
  console.log('rendered ' + path.relative(root, out));
}
