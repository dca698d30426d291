import { bodyHtml } from './newsletter-render';

/** The slice of jsdom used here, typed by hand: @types/jsdom pulls the DOM lib into every file's types. */
interface ParsedElement {
  readonly localName: string;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { JSDOM } = require('jsdom') as {
  JSDOM: { fragment(html: string): { querySelectorAll(selector: string): ArrayLike<ParsedElement> } };
};

/**
 * Known filter-evasion payloads (after the OWASP XSS Filter Evasion Cheat Sheet and html5sec.org): case and
 * encoding tricks, broken markup, event handlers, scriptable URLs, SVG/MathML, CSS expressions, namespace and
 * comment confusion. Whatever goes in, what comes out must be inside the allow-list.
 */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<IMG SRC="javascript:alert(1);">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
  '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>',
  '<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>',
  '<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>',
  '<IMG SRC="jav\tascript:alert(1);">',
  '<IMG SRC="jav&#x09;ascript:alert(1);">',
  '<IMG SRC="jav&#x0A;ascript:alert(1);">',
  '<IMG SRC=" &#14;  javascript:alert(1);">',
  '<a href="  javascript:alert(1)">x</a>',
  '<a href="java\u0000script:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="//evil.example" onmouseover="alert(1)">x</a>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(1)"//',
  '<img """><script>alert(1)</script>">',
  '<IMG onmouseover="alert(1)">',
  '<BODY ONLOAD=alert(1)>',
  '<svg/onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<style>@import "javascript:alert(1)";</style>',
  '<div style="background-image: url(javascript:alert(1))">x</div>',
  '<div style="width: expression(alert(1));">x</div>',
  '<p style="color: red; behavior: url(x.htc)">x</p>',
  '<p style="color:expression(alert(1))">x</p>',
  '<p style="color: red;&#x0A;background:url(javascript:alert(1))">x</p>',
  '<TABLE BACKGROUND="javascript:alert(1)"><TD BACKGROUND="javascript:alert(1)">x</TD></TABLE>',
  '<DIV STYLE="background-image:\\0075\\0072\\006C\\0028\'\\006a\\0061\\0076\\0061\\0073\\0063\\0072\\0069\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028.1027\\0058.1053\\0053\\0027\\0029\'\\0029">',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<textarea><script>alert(1)</script></textarea>',
  '<title><script>alert(1)</script></title>',
  '<xmp><script>alert(1)</script></xmp>',
  '<a href="https://example.com" target="_blank" rel="opener" onclick="alert(1)">x</a>',
  '<img src="https://example.com/a.png" srcset="javascript:alert(1) 1x">',
  '<video><source onerror="alert(1)"></video>',
  '<details open ontoggle=alert(1)>',
  '<marquee onstart=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<isindex action="javascript:alert(1)" type=image>',
  '<x onclick=alert(1)>click',
  '<a href="jav&#65;script:alert(1)">x</a>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<<SCRIPT>alert(1);//<</SCRIPT>',
  '<img src=x:alert(alt) onerror=eval(src) alt=0>',
];

/** A URL's scheme as the URL standard reads it (none: a relative URL). */
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ALLOWED_SCHEMES = ['http', 'https', 'mailto'];
const ALLOWED_STYLE = /^(color|text-align|font-weight)$/;

interface Found {
  readonly tag: string;
  readonly name: string;
  readonly value: string;
}

/** Every element and attribute the output really has, as a browser's parser (jsdom's, to the HTML standard) sees them. */
function attributesOf(html: string): { tags: string[]; attributes: Found[] } {
  const elements = Array.from(JSDOM.fragment(html).querySelectorAll('*'));
  return {
    tags: elements.map((element) => element.localName),
    attributes: elements.flatMap((element) =>
      Array.from(element.attributes).map((attribute) => ({
        tag: element.localName,
        name: attribute.name,
        value: attribute.value,
      })),
    ),
  };
}

const FORBIDDEN_TAGS = ['script', 'style', 'iframe', 'object', 'embed', 'form', 'base', 'meta', 'link', 'svg', 'math'];

describe('the newsletter HTML sanitiser against known evasion payloads', () => {
  it.each(PAYLOADS.map((payload, i) => [i, payload]))('payload %i stays inside the allow-list', (_, payload) => {
    const html = bodyHtml({ body: payload, format: 'html' });
    const { tags, attributes } = attributesOf(html);
    expect(tags.filter((tag) => FORBIDDEN_TAGS.includes(tag))).toEqual([]);
    for (const { tag, name, value } of attributes) {
      expect([tag, name]).not.toEqual([tag, expect.stringMatching(/^on/)]);
      expect([
        'href',
        'src',
        'title',
        'alt',
        'target',
        'width',
        'height',
        'align',
        'colspan',
        'rowspan',
        'style',
      ]).toContain(name);
      if (name === 'href' || name === 'src') {
        // What a browser would resolve: control characters and spaces are dropped before the scheme is read.
        // eslint-disable-next-line no-control-regex
        const scheme = SCHEME.exec(value.replace(/[\u0000-\u0020]/g, ''))?.[1].toLowerCase();
        if (scheme !== undefined) expect([tag, value, ALLOWED_SCHEMES.includes(scheme)]).toEqual([tag, value, true]);
      }
      if (name === 'style') {
        for (const declaration of value.split(';').filter((part) => part.trim() !== '')) {
          const property = declaration.split(':')[0].trim().toLowerCase();
          expect(property).toMatch(ALLOWED_STYLE);
          expect(declaration.toLowerCase()).not.toMatch(/url\(|expression|javascript/);
        }
      }
    }
  });

  it('keeps what newsletters are made of', () => {
    const html = bodyHtml({
      body: '<h2>News</h2><p style="text-align:center;color:#333">Hi <strong>all</strong> <a href="https://example.com/x">read</a></p><img src="https://example.com/a.png" alt="A">',
      format: 'html',
    });
    expect(html).toContain('<h2>News</h2>');
    expect(html).toContain('<a href="https://example.com/x">read</a>');
    expect(html).toContain('style="text-align:center;color:#333"');
    expect(html).toContain('<img src="https://example.com/a.png" alt="A" />');
  });
});
