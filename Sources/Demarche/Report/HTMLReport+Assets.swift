extension HTMLReport {
    /// The page's style sheet: one column at phone width, text and side panel side by side from
    /// 900 px, a print layout without the interactive hints. Label tints from Okabe–Ito
    /// (vermillion, bluish green, grey), each with a glyph so colour is never the only cue.
    static let styleSheet = """
        :root{--h:#D55E00;--c:#009E73;--n:#8c8c8c;--ht:rgba(213,94,0,.16);--ct:rgba(0,158,115,.16);--nt:rgba(140,140,140,.12);--fg:#1b1b1b;--mut:#555;--bg:#fff;--line:#ddd}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg)}
        .top,.layout,.legend{max-width:1320px;margin:0 auto;padding:0 16px}
        .top{padding-top:12px;border-bottom:1px solid var(--line)}
        .kicker{margin:0;color:var(--mut);font-size:.85em;text-transform:uppercase;letter-spacing:.06em}
        h1{font-size:1.45em;line-height:1.25;margin:.2em 0 .3em;overflow-wrap:anywhere}
        h2{font-size:1.1em;margin:.2em 0 .5em}
        .facts{margin:.15em 0;color:var(--mut);font-size:.9em;overflow-wrap:anywhere}
        .skip a{position:absolute;left:-9999px}.skip a:focus{position:static}
        .layout{display:block}
        .text{padding:8px 0;overflow-wrap:anywhere}
        .text .para{margin:0 0 1em}
        .text .para[data-para="1"]{font-weight:600;font-size:1.1em}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        .s{border-radius:3px;transition:background .15s}
        .s.hl{background:#fff3b0;box-shadow:0 0 0 2px #fff3b0}
        .m{position:relative;unicode-bidi:isolate;color:inherit;background:var(--nt);border-bottom:3px var(--pu,solid) var(--pc,#333);padding:0 2px;border-radius:2px;cursor:pointer}
        .m::before{font-size:.7em;vertical-align:.35em;margin-right:1px}
        .m.l-hostile{background:var(--ht)}.m.l-hostile::before{content:"▼";color:var(--h)}
        .m.l-conciliatory{background:var(--ct)}.m.l-conciliatory::before{content:"▲";color:var(--c)}
        .m.l-neutral::before{content:"●";color:var(--n)}
        .legend .m::before{content:none}
        .m:focus{outline:3px solid #1a5fb4;outline-offset:1px}
        .m.sel{outline:3px double #1a5fb4}
        .m[data-tip]:hover::after,.m[data-tip]:focus::after{content:attr(data-tip);position:absolute;left:0;top:100%;margin-top:6px;z-index:5;width:max-content;max-width:min(320px,80vw);padding:6px 8px;background:#222;color:#fff;font-size:.8rem;line-height:1.35;font-weight:400;border-radius:4px;white-space:normal;pointer-events:none}
        .side{padding:8px 0}
        .panel{border:1px solid var(--line);border-radius:6px;padding:10px 12px;margin:0 0 12px}
        .hint,.status{margin:.2em 0;color:var(--mut);font-size:.85em}
        .plist{list-style:none;margin:0;padding:0}
        .prow{padding:6px 0;border-top:1px solid #eee}
        .pbtn{font:inherit;font-weight:600;background:none;border:1px solid transparent;border-radius:4px;padding:2px 6px;cursor:pointer;text-align:left;color:inherit}
        .pbtn:focus{outline:3px solid #1a5fb4}
        .pbtn[aria-pressed="true"]{background:#fff3b0;border-color:#c9a800}
        .sw{display:inline-block;width:1.4em;height:0;border-bottom:4px var(--pu,solid) var(--pc,#333);vertical-align:middle;margin-right:6px}
        .kind{font-weight:400;color:var(--mut);font-size:.8em}
        .bar{display:flex;height:14px;margin:4px 0;border:1px solid #bbb;border-radius:3px;overflow:hidden;background:#f4f4f4}
        .seg{display:block;height:100%}
        .sh{background:var(--h)}.sc{background:var(--c)}.sn{background:repeating-linear-gradient(45deg,#bdbdbd 0 4px,#d9d9d9 4px 8px)}
        .pmeta{margin:0;font-size:.85em;color:var(--mut)}
        .verdict{font-weight:600}.v-hostile{color:#a34200}.v-conciliatory{color:#006b4e}.v-mixed{color:#6b3f8f}.v-neutral{color:#555}
        .scroll{overflow-x:auto}
        table.dyads{border-collapse:collapse;font-size:.85em}
        .dyads th,.dyads td{border:1px solid var(--line);padding:3px 6px;text-align:center}
        .dh{background:var(--ht)}.dc{background:var(--ct)}.dm{background:#eee}
        #why-body ul{margin:.3em 0;padding-left:1.2em}
        #why-body code{background:#f2f2f2;padding:0 3px;border-radius:3px;overflow-wrap:anywhere}
        .legend{border-top:1px solid var(--line);padding-top:8px;padding-bottom:24px;font-size:.9em;color:var(--mut)}
        .legend ul{padding-left:1.2em}
        @media (min-width:900px){.layout{display:grid;grid-template-columns:minmax(0,1.7fr) minmax(300px,1fr);gap:28px}.side{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto}}
        @media (max-width:480px){body{font-size:15px}h1{font-size:1.25em}.top,.layout,.legend{padding:0 10px}}
        @media print{.skip,.hint,.status,#why{display:none}.side{position:static;max-height:none}.layout{display:block}.m{-webkit-print-color-adjust:exact;print-color-adjust:exact}.bar,.seg{-webkit-print-color-adjust:exact;print-color-adjust:exact}.m[data-tip]::after{content:none!important}.panel{break-inside:avoid}}
        """

    /// The page's only script: party buttons highlight their sentences; selecting a mention shows
    /// why its pair got its label. Text goes in with `textContent` only, never as markup.
    static let pageScript = """
        (function(){
        "use strict";
        var data={};
        try{data=JSON.parse(document.getElementById("why-data").textContent);}catch(e){data={};}
        var sentences=Array.prototype.slice.call(document.querySelectorAll(".s"));
        var mentions=Array.prototype.slice.call(document.querySelectorAll("[data-mention]"));
        var buttons=Array.prototype.slice.call(document.querySelectorAll(".pbtn"));
        var status=document.getElementById("party-status");
        var why=document.getElementById("why-body");
        function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}
        function highlight(party,on){
          var n=0;
          sentences.forEach(function(s){var has=(s.getAttribute("data-parties")||"").split(" ").indexOf(party)>=0;var h=on&&has;s.classList.toggle("hl",h);if(h)n++;});
          buttons.forEach(function(b){b.setAttribute("aria-pressed",String(on&&b.getAttribute("data-party")===party));});
          if(status)status.textContent=on?(n+" sentence"+(n===1?"":"s")+" highlighted"):"";
          if(on){var first=document.querySelector(".s.hl");if(first&&first.scrollIntoView)first.scrollIntoView({block:"nearest"});}
        }
        buttons.forEach(function(b){b.addEventListener("click",function(){var p=b.getAttribute("data-party");highlight(p,b.getAttribute("aria-pressed")!=="true");});});
        function explain(m){
          mentions.forEach(function(x){x.classList.toggle("sel",x===m);});
          while(why.firstChild)why.removeChild(why.firstChild);
          var d=data[m.getAttribute("data-pair")];
          if(!d){why.appendChild(el("p",null,"No explanation is stored for this mention."));return;}
          why.appendChild(el("p","why-head","Sentence "+d.sentence+", toward "+d.party+": "+d.label+" (hostile "+d.hostile+", conciliatory "+d.conciliatory+", neutral "+d.neutral+")."));
          if(!d.features.length){why.appendChild(el("p",null,"No feature of this sentence is in the model's vocabulary; the label comes from the intercept alone."));return;}
          why.appendChild(el("p",null,"The features that pushed hardest:"));
          var ul=el("ul");
          d.features.forEach(function(f){var li=el("li");li.appendChild(document.createTextNode(f.words+" pushed "+f.push+" "));li.appendChild(el("code",null,f.term));ul.appendChild(li);});
          why.appendChild(ul);
        }
        mentions.forEach(function(m){
          m.addEventListener("click",function(){explain(m);});
          m.addEventListener("keydown",function(e){if(e.key==="Enter"||e.key===" "){e.preventDefault();explain(m);}});
        });
        document.documentElement.setAttribute("data-report-ready","1");
        })();
        """
}
