// The RP2040's clock tree, brought up as the datasheet requires (§2.15 CLOCKS, §2.16 XOSC,
// §2.18 PLL): out of reset (and after boot2) clk_sys and clk_ref run from the ring
// oscillator, about 6.5 MHz and imprecise. This starts the 12 MHz crystal oscillator, runs
// clk_ref from it, locks PLL_SYS at 125 MHz (12 MHz / 1 × 125 = 1500 MHz VCO, / 6 / 2) and
// moves clk_sys onto it, then feeds the watchdog's 1 µs tick (the TIMER counts it) from
// clk_ref. clk_peri, the UARTs' clock, follows clk_sys (uart.ts). rp2040js models every
// register used here, so the simulated Pico runs at the speed the real one does.

import { peek32, poke32 } from "mote/intrinsics";

const XOSC_CTRL = 0x40024000;
const XOSC_STATUS = 0x40024004;
const XOSC_STARTUP = 0x4002400c;
/** CTRL: the 1–15 MHz range, and the magic value that enables the oscillator. */
const XOSC_RANGE_1_15MHZ = 0xaa0;
const XOSC_ENABLE = 0xfab << 12;
/** STARTUP: wait 256 × 47 cycles of 12 MHz (about 1 ms) before STABLE. */
const XOSC_STARTUP_DELAY = 47;
const XOSC_STABLE = 1 << 31;

const CLK_REF_CTRL = 0x40008030;
const CLK_REF_SELECTED = 0x40008038;
const CLK_SYS_CTRL = 0x4000803c;
const CLK_SYS_DIV = 0x40008040;
const CLK_SYS_SELECTED = 0x40008044;
const CLK_REF_SRC_XOSC = 2;
/** CLK_SYS_CTRL: SRC 0 is clk_ref (glitchless), 1 the auxiliary source; AUXSRC 0 is PLL_SYS. */
const CLK_SYS_SRC_AUX = 1;
const DIV_BY_1 = 1 << 8;

const RESETS_SET = 0x4000c000 + 0x2000;
const RESETS_CLEAR = 0x4000c000 + 0x3000;
const RESETS_DONE = 0x4000c008;
const RESET_PLL_SYS = 1 << 12;

const PLL_SYS_CS = 0x40028000;
const PLL_SYS_PWR_CLEAR = 0x40028004 + 0x3000;
const PLL_SYS_FBDIV_INT = 0x40028008;
const PLL_SYS_PRIM = 0x4002800c;
const PLL_LOCK = 1 << 31;
const PLL_PWR_PD = 1 << 0;
const PLL_PWR_POSTDIVPD = 1 << 3;
const PLL_PWR_VCOPD = 1 << 5;
const PLL_REFDIV = 1;
const PLL_FBDIV = 125;
const PLL_POSTDIVS = (6 << 16) | (2 << 12);

const WATCHDOG_TICK = 0x4005802c;
/** The tick: enabled, every 12 cycles of clk_ref (12 MHz), so once a microsecond. */
const TICK_ENABLE_12 = (1 << 9) | 12;

export function clocksInit(): void {
  // The crystal, and clk_ref on it.
  poke32(XOSC_CTRL, XOSC_RANGE_1_15MHZ);
  poke32(XOSC_STARTUP, XOSC_STARTUP_DELAY);
  poke32(XOSC_CTRL, XOSC_RANGE_1_15MHZ | XOSC_ENABLE);
  while ((peek32(XOSC_STATUS) & XOSC_STABLE) === 0) {}
  poke32(CLK_REF_CTRL, CLK_REF_SRC_XOSC);
  while ((peek32(CLK_REF_SELECTED) & (1 << CLK_REF_SRC_XOSC)) === 0) {}

  // clk_sys off the PLL while it is set up (it may already run from it after a reset).
  poke32(CLK_SYS_CTRL, 0);
  while ((peek32(CLK_SYS_SELECTED) & 1) === 0) {}

  poke32(RESETS_SET, RESET_PLL_SYS);
  poke32(RESETS_CLEAR, RESET_PLL_SYS);
  while ((peek32(RESETS_DONE) & RESET_PLL_SYS) === 0) {}
  poke32(PLL_SYS_CS, PLL_REFDIV);
  poke32(PLL_SYS_FBDIV_INT, PLL_FBDIV);
  poke32(PLL_SYS_PWR_CLEAR, PLL_PWR_PD | PLL_PWR_VCOPD);
  while ((peek32(PLL_SYS_CS) & PLL_LOCK) === 0) {}
  poke32(PLL_SYS_PRIM, PLL_POSTDIVS);
  poke32(PLL_SYS_PWR_CLEAR, PLL_PWR_POSTDIVPD);

  // clk_sys on the PLL (AUXSRC 0), undivided.
  poke32(CLK_SYS_DIV, DIV_BY_1);
  poke32(CLK_SYS_CTRL, CLK_SYS_SRC_AUX);
  while ((peek32(CLK_SYS_SELECTED) & (1 << CLK_SYS_SRC_AUX)) === 0) {}

  poke32(WATCHDOG_TICK, TICK_ENABLE_12);
}
