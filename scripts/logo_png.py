"""Draw newsdesk/static/logo.png, the raster publisher logo for JSON-LD (issue #14).

Google's structured data wants a raster logo of at least 112 x 112 px; the SVG favicon
does not qualify. Same mark as favicon.svg (a white serif "n" on the brand red), 512 px.
Run with ``uv run python scripts/logo_png.py`` after changing the favicon.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 512
RED = (0xB3, 0x00, 0x1B, 255)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
OUT = Path(__file__).resolve().parents[1] / "newsdesk" / "static" / "logo.png"

image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
draw = ImageDraw.Draw(image)
draw.rounded_rectangle((0, 0, SIZE - 1, SIZE - 1), radius=SIZE * 12 // 64, fill=RED)
font = ImageFont.truetype(FONT, SIZE * 44 // 64)
draw.text((SIZE / 2, SIZE * 46 / 64), "n", font=font, fill="white", anchor="ms")
image.save(OUT, optimize=True)
print(OUT, image.size)
