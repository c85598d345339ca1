document.documentElement.className += ' js';
