package org.leadscoring.scoring;

import java.util.Set;

/** Consumer email providers: an address at one of them says nothing about the person's employer. */
final class FreeEmailDomains {

    static final Set<String> DOMAINS = Set.of(
            "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com", "hotmail.com",
            "hotmail.co.uk", "hotmail.fr", "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com",
            "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "proton.me", "protonmail.com", "zoho.com", "zohomail.com",
            "yandex.com", "yandex.ru", "mail.ru", "qq.com", "163.com", "126.com", "naver.com", "orange.fr", "free.fr",
            "laposte.net", "libero.it", "t-online.de", "comcast.net", "verizon.net", "att.net", "btinternet.com", "fastmail.com",
            "hey.com", "tutanota.com", "rediffmail.com");

    private FreeEmailDomains() {
    }
}
