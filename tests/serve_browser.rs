use headless_chrome as _;
