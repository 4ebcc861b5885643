// The print button of the app's printable documents: a script file, because the pages' Content-Security-Policy
// (script-src 'self') forbids inline event handlers.
document.getElementById('print-button').addEventListener('click', function () { window.print(); });
