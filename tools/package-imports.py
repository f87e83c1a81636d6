#!/usr/bin/env python3
"""Which packages of a NAJM module import which, and any import loops between them.

    python3 tools/package-imports.py yamcs-plugin/src/main/java

Prints one line per package (its first name below org.najm; the plugin class itself is "(root)")
with the packages it imports, then the pairs that import each other, directly or through others.
"""
import os,re,sys,collections
root=sys.argv[1]
deps=collections.defaultdict(set)
for d,_,fs in os.walk(root):
    for f in fs:
        if not f.endswith('.java'): continue
        s=open(os.path.join(d,f)).read()
        m=re.search(r'^package (org\.najm[\w.]*);',s,re.M)
        if not m: continue
        src=m.group(1)[len('org.najm'):].lstrip('.') or '(root)'
        src=src.split('.')[0]
        for imp in re.findall(r'^import (?:static )?org\.najm\.([\w.]+);',s,re.M):
            parts=imp.split('.')
            tgt=parts[0] if parts[0][0].islower() else '(root)'
            if tgt!=src: deps[src].add(tgt)
for k in sorted(deps): print(f"{k:12} -> {', '.join(sorted(deps[k]))}")
# cycles
def reach(a,b,seen=None):
    seen=seen or set()
    for n in deps.get(a,()):
        if n==b: return True
        if n not in seen:
            seen.add(n)
            if reach(n,b,seen): return True
    return False
cyc=[(a,b) for a in deps for b in deps[a] if reach(b,a)]
print("cycles:", cyc or "none")
