"""Pure, synchronous core: data types, units and step contracts. No I/O, no asyncio, no Qt."""
