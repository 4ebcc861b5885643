// 住户导入: show the chosen file's name beside the Chinese 选择文件 button (the browser's own text is hidden).
document.querySelectorAll('.file-pick').forEach(function (pick) {
  var input = pick.querySelector('input[type=file]');
  var name = pick.querySelector('.file-name');
  input.addEventListener('change', function () {
    name.textContent = input.files.length ? input.files[0].name : name.getAttribute('data-empty');
  });
});
