/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPSEC_SWEEP_PROGRAM_OPTIONS_H
#define IPSEC_SWEEP_PROGRAM_OPTIONS_H

#include "sweep-spec.h"

#include <set>
#include <string>

namespace ns3
{
namespace sweep
{

/**
 * \brief What a program accepts on its command line, read from its own --PrintHelp and
 * --PrintGlobals (and --PrintAttributes for --ns3::Type::Attribute options), so that a spec
 * naming an option the program does not have is refused before any run starts.
 */
class ProgramOptions
{
  public:
    /**
     * Finds the executable a spec names: a path (with a '/'), taken relative to the current
     * folder, else to \p specDirectory; or an example's name, in \p examplesDirectory.
     * \return its absolute path
     * \throw UsageError naming the program and the examples there are
     */
    static std::string Resolve(const std::string& program,
                               const std::string& specDirectory,
                               const std::string& examplesDirectory);

    /// Runs \p path --PrintHelp and --PrintGlobals (UsageError if it does not answer).
    static ProgramOptions Read(const std::string& path);

    /// \return true if the program has --\p name (its own option or a global value).
    bool Has(const std::string& name) const;

    /**
     * Checks every option of \p spec (fixed, grid, points, plots' where).
     * \throw UsageError naming the first unknown option and the program's options
     */
    void Check(const SweepSpec& spec) const;

  private:
    /// Checks one --ns3::Type::Attribute name against --PrintAttributes=ns3::Type.
    void CheckAttribute(const std::string& name, const std::string& where) const;

    std::string m_path;
    std::set<std::string> m_options; //!< from --PrintHelp's Program Options
    std::set<std::string> m_globals; //!< from --PrintGlobals
};

} // namespace sweep
} // namespace ns3

#endif // IPSEC_SWEEP_PROGRAM_OPTIONS_H
