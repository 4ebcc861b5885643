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

const DATE_PLACEHOLDER = '年-月-日';

const PLACEHOLDERS = {
  'Search': '搜索',
  'Select': '请选择',
  'Search...': '搜索…',
  // form-js takes the date's order from the operating system's language (month first on an English system); in a
  // Chinese Tasklist every date field is set to yyyy-MM-dd below, so its placeholder names that order
  'yyyy/mm/dd': DATE_PLACEHOLDER,
  'mm/dd/yyyy': DATE_PLACEHOLDER,
  'dd/mm/yyyy': DATE_PLACEHOLDER,
  'dd.mm.yyyy': DATE_PLACEHOLDER,
  'hh:mm': '时:分'
};

// Tasklist speaks Chinese unless the browser prefers one of its other languages (config.js: zh, en, de; fallback zh)
const CHINESE = ((navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language])
  .map((tag) => String(tag).slice(0, 2).toLowerCase()).find((lang) => ['zh', 'en', 'de'].includes(lang)) || 'zh')
  === 'zh';

// the calendar of form-js's date fields (flatpickr) in Chinese, weeks from Monday
const CALENDAR_WORDS = {
  weekdays: {
    shorthand: ['日', '一', '二', '三', '四', '五', '六'],
    longhand: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']
  },
  months: {
    shorthand: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    longhand: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月']
  },
  firstDayOfWeek: 1,
  rangeSeparator: ' 至 ',
  weekAbbreviation: '周',
  scrollTitle: '滚动切换',
  toggleTitle: '点击切换上午/下午',
  amPM: ['上午', '下午'],
  yearAriaLabel: '年',
  monthAriaLabel: '月',
  hourAriaLabel: '时',
  minutesAriaLabel: '分',
  time_24hr: true
};

// every date field of a form: typed and shown as yyyy-MM-dd, its calendar in Chinese (issue 13)
function fixDatePicker(input) {
  const picker = input && input._flatpickr;
  if (!CHINESE || !picker || picker.shequChinese) {
    return;
  }
  picker.shequChinese = true;
  picker.set({ dateFormat: 'Y-m-d', locale: CALENDAR_WORDS });
  input.setAttribute('placeholder', DATE_PLACEHOLDER);
}

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

// Tasklist's toast when the form itself refuses 完成 says only 提交任务表单时出错; name the fields to look at
const COMPLETE_ERROR = '提交任务表单时出错';

function fieldsInError() {
  return [...document.querySelectorAll('.fjs-form-field.fjs-has-errors')]
    .map((field) => {
      const label = field.querySelector('label');
      return label ? label.textContent.replace(/[*＊]/g, '').trim() : '';
    })
    .filter((label, i, all) => label && all.indexOf(label) === i);
}

function explainRefusal(alert, retry) {
  const status = alert.querySelector('.status');
  const message = alert.querySelector('.message');
  if (!status || !message || status.textContent.trim() !== COMPLETE_ERROR || message.textContent.trim()) {
    return;
  }
  const labels = fieldsInError();
  if (labels.length) {
    message.textContent = '请检查表单中标红的项（' + labels.join('、') + '），改正后再点“完成”。';
  } else if (retry) {
    setTimeout(() => explainRefusal(alert, false), 150);
  }
}

function fixTree(root) {
  if (root.nodeType === Node.TEXT_NODE) {
    fixText(root);
    const alert = root.parentElement && root.parentElement.closest('.alert');
    if (alert) {
      explainRefusal(alert, true);
    }
    return;
  }
  if (root.nodeType !== Node.ELEMENT_NODE) {
    return;
  }
  fixPlaceholder(root);
  (root.matches('.alert') ? [root] : [...root.querySelectorAll('.alert')]).forEach((a) => explainRefusal(a, true));
  // flatpickr has made the field's calendar, and marked the field, by the time its wrapper is seen here
  root.querySelectorAll('.fjs-datepicker input').forEach(fixDatePicker);
  const wrapper = root.closest('.fjs-datepicker');
  if (wrapper) {
    wrapper.querySelectorAll('input').forEach(fixDatePicker);
  }
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
