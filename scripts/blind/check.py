"""Check a corpus: text PDFs via pdfplumber (every amount and the date present on one line),
scans via tesseract (optional, --ocr N first scans)."""
import json, sys, re, subprocess, tempfile
from pathlib import Path
import pdfplumber
sys.path.insert(0, str(Path(__file__).parent))
from common import grp, fdate, MONTHS


def forms(n):
    n = int(n)
    f = {grp(n), grp(n, '.'), f'{n}'}
    if n % 1000 == 0 and n:
        f.add(grp(n // 1000) + ' tkr')
        m = n // 1000
        f.add(f'{m // 1000},{m % 1000:03d} mnkr')
        if m % 100 == 0:
            f.add(f'{m // 1000},{(m % 1000) // 100} miljoner')
            f.add(f'{m // 1000},{(m % 1000) // 100} mnkr')
    if n == 0:
        f |= {'inget belopp', 'Inget belopp', '0 kr', '0 kronor', ' 0 ', 'Nej', '0,00', 'Inga medel', 'inga medel'}
    return f


def dforms(s):
    from common import D
    d = D(s)
    return {s, f'{d.day} {MONTHS[d.month-1]} {d.year}', f'{d.day:02d}.{d.month:02d}.{d.year}',
            f'{d.year}{d.month:02d}{d.day:02d}', f'{d.day}/{d.month} {d.year}', f'{d.day:02d}/{d.month:02d}/{d.year}'}


def main():
    corpus = Path(sys.argv[1])
    nocr = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    truth = json.loads((corpus / 'truth.json').read_text())
    bad = 0
    ocrd = 0
    for d in truth:
        p = corpus / d['file']
        e = d['expect']
        if not d['scanned']:
            with pdfplumber.open(p) as pdf:
                lines = []
                for pg in pdf.pages:
                    lines += (pg.extract_text() or '').replace('\u00a0', ' ').splitlines()
        elif ocrd < nocr:
            ocrd += 1
            with tempfile.TemporaryDirectory() as t:
                if p.suffix == '.pdf':
                    subprocess.run(['pdftoppm', '-r', '200', '-gray', '-png', str(p), f'{t}/p'], check=True)
                    imgs = sorted(Path(t).glob('p*.png'))
                else:
                    imgs = [p]
                lines = []
                for im in imgs:
                    r = subprocess.run(['tesseract', str(im), '-', '-l', 'swe', '--psm', '3'], capture_output=True,
                                       text=True, env={'OMP_THREAD_LIMIT': '1', 'PATH': '/usr/bin:/bin'})
                    lines += r.stdout.splitlines()
        else:
            continue
        probs = []
        for k, v in (e.get('amounts') or {}).items():
            if not any(f in l for l in lines for f in forms(v)):
                probs.append(f'amount {k}={v}')
        if 'document_date' in e and not any(f in l for l in lines for f in dforms(e['document_date'])):
            probs.append(f'date {e["document_date"]}')
        if 'municipal_share_percent' in e:
            s = e['municipal_share_percent']
            if not any(re.search(rf'\b{s}\s?(%|procent)', l) for l in lines):
                probs.append(f'share {s}')
        tag = 'TEXT' if not d['scanned'] else 'OCR '
        if probs:
            bad += 1
            print(tag, d['file'], 'MISSING:', '; '.join(probs))
        else:
            print(tag, d['file'], 'ok')
    print('problems', bad)


if __name__ == '__main__':
    main()
