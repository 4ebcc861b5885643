/*
 * 社区服务流程：Tasklist 中工作人员读到的英文提示改为中文（issue 13）。
 * Camunda Forms (form-js) has no translations of its own; this module, loaded through config.js customScripts,
 * rewrites its messages and placeholders where they appear. Only known texts are rewritten. (Engine errors already
 * arrive in Chinese without their technical prefixes: the server's ChineseErrors answers every REST call.)
 */

// a pattern's meaning in words: the phone pattern of the forms (reception-start, proxy-start, complaint-start)
const PATTERN_WORDS = {
  '^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$': '请填写11位手机号，或带区号的固定电话（如 0414-2812345）'
};

const MESSAGES = [
  [/^Field is required\.?$/, () => '此项为必填项。'],
  [/^Field must match pattern (.+?)\.?$/, (m) => PATTERN_WORDS[m[1]] ? '格式不正确：' + PATTERN_WORDS[m[1]] + '。'
    : '格式不正确，请按说明填写。'],
  [/^Field must have minimum length of (\d+)\.?$/, (m) => '至少填写 ' + m[1] + ' 个字。'],
  [/^Field must have maximum length of (\d+)\.?$/, (m) => '最多填写 ' + m[1] + ' 个字。'],
  [/^Field must have minimum value of (.+?)\.?$/, (m) => '不能小于 ' + m[1] + '。'],
  [/^Field must have maximum value of (.+?)\.?$/, (m) => '不能大于 ' + m[1] + '。'],
  [/^Field must be a valid email\.?$/, () => '请填写正确的电子邮箱地址。'],
  [/^Field must be a valid (?:international )?phone number\.?$/, () => '请填写正确的电话号码。'],
  [/^Date and time must both be entered\.?$/, () => '请同时填写日期和时间。'],
  [/^Value must be a number\.?$/, () => '请填写数字。'],
  [/^Selected date is in the past\.?$/, () => '所选日期已过，请选择今天或以后的日期。'],
  // the screen-reader text of the notifications' close button
  [/^Close$/, () => '关闭']
];

const PLACEHOLDERS = {
  'Search': '搜索',
  'Select': '请选择',
  'Search...': '搜索…',
  // form-js orders the date by the browser's language: year first in a Chinese browser, month first in an
  // English one; the placeholder names the parts in Chinese in the order the field expects
  'yyyy/mm/dd': '年/月/日',
  'mm/dd/yyyy': '月/日/年',
  'hh:mm': '时:分'
};

function translate(text) {
  const trimmed = text.trim();
  for (const [pattern, words] of MESSAGES) {
    const m = trimmed.match(pattern);
    if (m) {
      return words(m);
    }
  }
  return null;
}

// a select that cannot be opened (the form is read-only until the task is claimed) writes its placeholder as text
function placeholderText(node) {
  const parent = node.parentElement;
  const text = node.nodeValue.trim();
  return parent && parent.classList.contains('fjs-select-placeholder')
    && Object.prototype.hasOwnProperty.call(PLACEHOLDERS, text) ? PLACEHOLDERS[text] : null;
}

function fixText(node) {
  if (!node.nodeValue || !/[A-Za-z]/.test(node.nodeValue)) {
    return;
  }
  const words = translate(node.nodeValue) ?? placeholderText(node);
  if (words !== null && words !== node.nodeValue) {
    node.nodeValue = words;
  }
}

function fixPlaceholder(element) {
  const placeholder = element.getAttribute && element.getAttribute('placeholder');
  if (placeholder && Object.prototype.hasOwnProperty.call(PLACEHOLDERS, placeholder)) {
    element.setAttribute('placeholder', PLACEHOLDERS[placeholder]);
  }
}

function fixTree(root) {
  if (root.nodeType === Node.TEXT_NODE) {
    fixText(root);
    return;
  }
  if (root.nodeType !== Node.ELEMENT_NODE) {
    return;
  }
  fixPlaceholder(root);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    fixText(node);
  }
  root.querySelectorAll('[placeholder]').forEach(fixPlaceholder);
}

new MutationObserver((mutations) => {
  for (const mutation of mutations) {
    if (mutation.type === 'characterData') {
      fixText(mutation.target);
    } else if (mutation.type === 'attributes') {
      fixPlaceholder(mutation.target);
    } else {
      mutation.addedNodes.forEach(fixTree);
    }
  }
}).observe(document.documentElement, {
  subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['placeholder']
});
fixTree(document.body || document.documentElement);

export default [];
